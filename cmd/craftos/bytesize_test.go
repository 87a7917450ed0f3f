package main

import "testing"

func TestParseBytes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		err  bool
	}{
		{in: "0", want: 0},
		{in: "1048576", want: 1 << 20},
		{in: "512M", want: 512 << 20},
		{in: "1G", want: 1 << 30},
		{in: "1g", want: 1 << 30},
		{in: "1.5G", want: 3 << 29},
		{in: "64MiB", want: 64 << 20},
		{in: "64MB", want: 64 << 20},
		{in: "2 G", want: 2 << 30},
		{in: "10K", want: 10 << 10},
		{in: "1T", want: 1 << 40},
		{in: "", err: true},
		{in: "G", err: true},
		{in: "-1G", err: true},
		{in: "1X", err: true},
		{in: "9999999T", err: true},
	} {
		got, err := parseBytes(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d (error %v)", c.in, got, err, c.want, c.err)
		}
	}
	var n int64 = 1 << 30
	if s := (byteSize{&n}).String(); s != "1G" {
		t.Errorf("String() = %q, want 1G", s)
	}
}
