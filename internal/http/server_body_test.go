package http_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"

	"github.com/craftos/craftos/internal/computer"
)

// bodyServer reports the first 10 bytes of a body as soon as it has them,
// then reads the rest line by line and answers the byte and line counts.
const bodyServer = strip + `
http.listen(PORT, function(req, res)
  local first = req.read(10)
  print("first " .. first)
  local n, lines = #first, 0
  while true do
    local ok, line = pcall(req.readLine, true)
    if not ok then print("read failed", select(2, strip(false, line))) res = nil break end
    if not line then break end
    n, lines = n + #line, lines + 1
  end
  if res then res.write(n .. " bytes " .. lines .. " lines") res.close() end
end)`

// A long body reaches the handler before the client has sent all of it,
// and is read from the socket as the handler reads.
func TestLongBodyStreamsToHandler(t *testing.T) {
	computertest.CheckGoroutines(t)
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprint("chunked=", chunked), func(t *testing.T) {
			port := freePort(t)
			r := server(t, lua(bodyServer, port), port)
			line := strings.Repeat("x", 99) + "\n"
			head := "0123456789" + strings.Repeat(line, 3000) // 300 KB: past the first part
			tail := strings.Repeat(line, 30000)               // 3 MB more, sent once the handler ran
			pr, pw := io.Pipe()
			req, _ := http.NewRequest("POST", url(port, "/up"), pr)
			if !chunked {
				req.ContentLength = int64(len(head) + len(tail))
			}
			go func() {
				io.WriteString(pw, head)
				r.WaitOutput(t, "first 0123456789")
				io.WriteString(pw, tail)
				pw.Close()
			}()
			client := &http.Client{Timeout: 20 * time.Second}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := fmt.Sprintf("%d bytes %d lines", len(head)+len(tail), 33000)
			mustf(t, resp.StatusCode == 200 && string(got) == want, "got %s %q, want %q", resp.Status, got, want)
		})
	}
}

// The body limit still applies to a streamed body: the client gets 413
// and the handler's read raises.
func TestStreamedBodyLimit(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(bodyServer, port), port, limits(func(l *computer.Limits) { l.MaxBodySize = 1 << 20 }))
	body := "0123456789" + strings.Repeat("y", 2<<20)
	resp, err := http.Post(url(port, "/big"), "text/plain", io.MultiReader(strings.NewReader(body))) // chunked
	if err == nil {
		io.ReadAll(resp.Body)
		resp.Body.Close()
		mustf(t, resp.StatusCode == 413, "status %s, want 413", resp.Status)
	}
	r.WaitOutput(t, "read failed\tRequest body is too large")
	// The server goes on.
	resp, err = http.Post(url(port, "/small"), "text/plain", bytes.NewReader([]byte("0123456789a\nb\n")))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, string(got) == "14 bytes 2 lines", "got %q", got)
}
