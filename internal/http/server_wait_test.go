package http_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/craftos/craftos/internal/computertest"
)

// get fetches path and returns the status code and body.
func get(t testing.TB, port int, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(url(port, path))
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// getAll fetches the paths at once; results are in the same order.
func getAll(t testing.TB, port int, paths ...string) (codes []int, bodies []string) {
	codes, bodies = make([]int, len(paths)), make([]string, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { codes[i], bodies[i] = get(t, port, p) })
	}
	wg.Wait()
	return codes, bodies
}

// A handler that sleeps blocks only its own request: ten at once take
// about as long as one (CraftOS-PC's listen answers them one after
// another, ten times as long).
func TestWaitingHandlersRunConcurrently(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  sleep(0.5)
  res.write("slept " .. req.getURL())
  res.close()
end)`, port), port)
	start := time.Now()
	code, body := get(t, port, "/one")
	one := time.Since(start)
	mustf(t, code == 200 && body == "slept /one", "one: %d %q", code, body)

	paths := make([]string, 10)
	for i := range paths {
		paths[i] = fmt.Sprintf("/r%d", i)
	}
	start = time.Now()
	codes, bodies := getAll(t, port, paths...)
	ten := time.Since(start)
	for i := range paths {
		mustf(t, codes[i] == 200 && bodies[i] == "slept "+paths[i], "%s: %d %q", paths[i], codes[i], bodies[i])
	}
	mustf(t, ten < 2*one, "10 sleeping requests took %v, one %v (want < 2x)", ten, one)
}

// A handler waiting on an http.get of its own server (a proxy) does not
// take the events of the request it waits for.
func TestHandlerProxiesToItself(t *testing.T) {
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  if req.getURL() == "/inner" then
    res.write("inner") res.close()
    return
  end
  local r = http.get("http://127.0.0.1:PORT/inner")
  res.write("outer got " .. (r and r.readAll() or "nothing"))
  res.close()
end)`, port), port)
	code, body := get(t, port, "/outer")
	mustf(t, code == 200 && body == "outer got inner", "got %d %q", code, body)
}

// Returning true stops the listener once the running handlers finish:
// they are answered, requests arriving meanwhile get 503, then listen
// returns and the port is closed. A server_stop event does the same.
func TestListenStopsAfterWaitingHandlers(t *testing.T) {
	for _, how := range []string{"return true", "server_stop"} {
		t.Run(how, func(t *testing.T) {
			port := freePort(t)
			r := server(t, lua(`
local slow = 0
http.listen(PORT, function(req, res)
  local url = req.getURL()
  if url == "/stop" then
    -- server_stop is queued before the answer goes out: the client's next
    -- request must find it ahead of its own http_request.
    if HOW == "server_stop" then os.queueEvent("server_stop") end
    res.write("stopping") res.close()
    return HOW ~= "server_stop"
  end
  slow = slow + 1
  print("waiting " .. slow)
  os.pullEvent("go_on")
  res.write("done " .. url) res.close()
end)
print("listen returned")
os.pullEvent("end")
`, port, "HOW", fmt.Sprintf("%q", how)), port)
			var codes []int
			var bodies []string
			var wg sync.WaitGroup
			wg.Go(func() { codes, bodies = getAll(t, port, "/a", "/b", "/c") })
			r.WaitOutput(t, "waiting 3")
			code, body := get(t, port, "/stop")
			mustf(t, code == 200 && body == "stopping", "stop: %d %q", code, body)
			code, _ = get(t, port, "/late")
			mustf(t, code == 503, "a request while stopping got %d, want 503", code)
			mustf(t, !strings.Contains(r.Stdout(), "listen returned"), "listen returned before its handlers finished")
			event(r, "go_on")
			wg.Wait()
			for i, p := range []string{"/a", "/b", "/c"} {
				mustf(t, codes[i] == 200 && bodies[i] == "done "+p, "%s: %d %q", p, codes[i], bodies[i])
			}
			r.WaitOutput(t, "listen returned")
			refused(t, port)
			event(r, "end")
			r.Wait(t, 10*time.Second)
		})
	}
}

// An error in a handler answers its client 500 (not what it wrote), stops
// the listener (other waiting clients get 503) and is raised from
// http.listen.
func TestHandlerErrorAnswers500(t *testing.T) {
	computertest.CheckGoroutines(t)
	port := freePort(t)
	r := server(t, lua(`
local ok, err = pcall(http.listen, PORT, function(req, res)
  if req.getURL() == "/wait" then
    print("waiting")
    os.pullEvent("never")
  end
  res.setStatusCode(201)
  res.setResponseHeader("X-Partial", "yes")
  res.write("partial")
  error("boom")
end)
print("listen raised", ok, err)
`, port), port)
	var waitCode int
	var wg sync.WaitGroup
	wg.Go(func() { waitCode, _ = get(t, port, "/wait") })
	r.WaitOutput(t, "waiting")
	resp, err := http.Get(url(port, "/fail"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustf(t, resp.StatusCode == 500 && !strings.Contains(string(body), "partial") && resp.Header.Get("X-Partial") == "",
		"failed handler's client got %s %q %v", resp.Status, body, resp.Header)
	wg.Wait()
	mustf(t, waitCode == 503, "waiting client got %d, want 503", waitCode)
	res := r.Wait(t, 10*time.Second)
	mustf(t, strings.Contains(res.Stdout, "listen raised\tfalse\t") && strings.Contains(res.Stdout, ":10: boom"),
		"stdout:\n%s\nstderr:\n%s", res.Stdout, res.Stderr)
	refused(t, port)
}

// A waiting handler gets the events it waits for and nothing else; the
// other events still reach the ones waiting for them.
func TestWaitingHandlersGetTheirEvents(t *testing.T) {
	port := freePort(t)
	r := server(t, lua(`
http.listen(PORT, function(req, res)
  local name = req.getURL():sub(2)
  print("waiting " .. name)
  local _, value = os.pullEvent(name)
  res.write(name .. "=" .. tostring(value)) res.close()
end)`, port), port)
	var codes []int
	var bodies []string
	var wg sync.WaitGroup
	wg.Go(func() { codes, bodies = getAll(t, port, "/x", "/y") })
	r.WaitOutput(t, "waiting x")
	r.WaitOutput(t, "waiting y")
	event(r, "y", 2)
	event(r, "x", 1)
	wg.Wait()
	mustf(t, codes[0] == 200 && bodies[0] == "x=1" && codes[1] == 200 && bodies[1] == "y=2", "got %v %q", codes, bodies)
}

// failResponse is the ROM's own: programs do not see it in the http API.
func TestListenHelperHidden(t *testing.T) {
	res := computertest.Run(t, `print(http.failResponse, type(http.listen))`, withHTTP()...)
	mustf(t, res.Stdout == "nil\tfunction\n", "stdout %q stderr %q", res.Stdout, res.Stderr)
}
