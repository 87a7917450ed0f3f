// Command soakclient drives bench/soak.sh: for a fixed time, workers send
// a mix of good and hostile traffic to a craftos running
// bench/soak_server.lua and check that every request is answered or
// refused cleanly (the expected status, close code or connection end).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

var (
	httpAddr = flag.String("http", "127.0.0.1:18190", "HTTP listener")
	wsAddr   = flag.String("ws", "127.0.0.1:18191", "WebSocket server")
	duration = flag.Duration("d", 60*time.Second, "how long to run")
	workers  = flag.Int("c", 16, "concurrent workers")
	maxBody  = flag.Int("max-body", 1<<20, "the server's --http-max-body")
)

type result struct{ ok, bad int }

var (
	mu      sync.Mutex
	results = map[string]*result{}
	samples = map[string][]string{}
)

func record(kind string, err error) {
	mu.Lock()
	defer mu.Unlock()
	r := results[kind]
	if r == nil {
		r = &result{}
		results[kind] = r
	}
	if err == nil {
		r.ok++
		return
	}
	r.bad++
	if len(samples[kind]) < 3 {
		samples[kind] = append(samples[kind], err.Error())
	}
}

var client = &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func get(path string, body []byte, want int) error {
	method := "GET"
	var r io.Reader
	if body != nil {
		method, r = "POST", bytes.NewReader(body)
	}
	req, _ := http.NewRequest(method, "http://"+*httpAddr+path, r)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	switch {
	case err != nil:
		return fmt.Errorf("%s: body: %v", path, err)
	case resp.StatusCode != want:
		return fmt.Errorf("%s: got %s, want %d", path, resp.Status, want)
	case want == 200 && !bytes.Equal(got, body):
		return fmt.Errorf("%s: echo of %d bytes came back as %d", path, len(body), len(got))
	}
	return nil
}

// raw writes req, half-closes, and wants status want (0: any answer or a
// plain close).
func raw(req string, want int) error {
	c, err := net.Dial("tcp", *httpAddr)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		return err
	}
	_ = c.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		if want == 0 {
			return nil
		}
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if want != 0 && resp.StatusCode != want {
		return fmt.Errorf("got %s, want %d", resp.Status, want)
	}
	return nil
}

// abort starts a request and drops the connection halfway.
func abort(req string) error {
	c, err := net.Dial("tcp", *httpAddr)
	if err != nil {
		return err
	}
	io.WriteString(c, req)
	time.Sleep(time.Duration(rand.IntN(50)) * time.Millisecond)
	return c.Close()
}

func wsChurn(ctx context.Context) error {
	c, _, err := websocket.Dial(ctx, "ws://"+*wsAddr+"/", nil)
	if err != nil {
		return err
	}
	defer c.CloseNow()
	for i := range 10 {
		msg := fmt.Sprintf("msg %d %s", i, strings.Repeat("y", rand.IntN(4096)))
		if err := c.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
			return err
		}
		_, got, err := c.Read(ctx)
		if err != nil {
			return err
		}
		if string(got) != msg {
			return fmt.Errorf("echo mismatch")
		}
	}
	if rand.IntN(2) == 0 {
		return c.CloseNow() // drop without a Close frame
	}
	return c.Close(websocket.StatusNormalClosure, "")
}

func wsBadUTF8(ctx context.Context) error {
	c, _, err := websocket.Dial(ctx, "ws://"+*wsAddr+"/", nil)
	if err != nil {
		return err
	}
	defer c.CloseNow()
	c.Write(ctx, websocket.MessageText, []byte("bad \xff"))
	_, _, err = c.Read(ctx)
	if websocket.CloseStatus(err) != websocket.StatusInvalidFramePayloadData {
		return fmt.Errorf("want 1007, got %v", err)
	}
	return nil
}

// wsHugeFrame declares a 2^62-byte frame and stalls: 1009 at once.
func wsHugeFrame() error {
	c, err := net.Dial("tcp", *wsAddr)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 101 {
		return fmt.Errorf("handshake: %v", err)
	}
	h := []byte{0x82, 0xff}
	h = binary.BigEndian.AppendUint64(h, 1<<62)
	c.Write(append(h, 0, 0, 0, 0))
	rest, _ := io.ReadAll(br)
	if len(rest) < 4 || rest[0] != 0x88 || binary.BigEndian.Uint16(rest[2:4]) != 1009 {
		return fmt.Errorf("want a 1009 Close, got %q", rest)
	}
	return nil
}

func main() {
	flag.Parse()
	faults := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"ok", func(context.Context) error { return get("/ok", bytes.Repeat([]byte("a"), 1+rand.IntN(64<<10)), 200) }},
		{"handler error", func(context.Context) error { return get("/error", nil, 500) }},
		{"never closed", func(context.Context) error { return get("/never", nil, 504) }},
		{"response too large", func(context.Context) error { return get("/big", nil, 500) }},
		{"body too large", func(context.Context) error { return get("/ok", make([]byte, *maxBody+1), 413) }},
		{"bad chunk", func(context.Context) error {
			return raw("POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400)
		}},
		{"truncated body", func(context.Context) error {
			return raw("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort", 400)
		}},
		{"half-close", func(context.Context) error {
			return raw("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi", 200)
		}},
		{"garbage", func(context.Context) error { return raw("\x16\x03\x01 not http at all\r\n\r\n", 0) }},
		{"client abort", func(context.Context) error {
			return abort("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npart")
		}},
		{"abort while waiting", func(context.Context) error { return abort("GET /never HTTP/1.1\r\nHost: x\r\n\r\n") }},
		{"ws churn", wsChurn},
		{"ws invalid utf-8", wsBadUTF8},
		{"ws huge frame", func(context.Context) error { return wsHugeFrame() }},
	}
	end := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for range *workers {
		wg.Go(func() {
			for time.Now().Before(end) {
				f := faults[rand.IntN(len(faults))]
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				record(f.name, f.fn(ctx))
				cancel()
			}
		})
	}
	wg.Wait()
	client.CloseIdleConnections()
	names := make([]string, 0, len(results))
	for n := range results {
		names = append(names, n)
	}
	sort.Strings(names)
	total, bad := 0, 0
	for _, n := range names {
		r := results[n]
		total += r.ok + r.bad
		bad += r.bad
		fmt.Printf("%-20s %6d ok %4d bad %s\n", n, r.ok, r.bad, strings.Join(samples[n], " | "))
	}
	fmt.Printf("total %d, answered or refused cleanly %d, bad %d\n", total, total-bad, bad)
	if bad > 0 {
		os.Exit(1)
	}
}
