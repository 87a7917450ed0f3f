package http

import (
	"net"
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

// freeTCPPort is a loopback port nobody listens on right now.
func freeTCPPort(t *testing.T) string {
	_, port, err := net.SplitHostPort(closedPort(t))
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// selfServer is a CraftOS-PC http.listen handler for the programs below:
// /redirect → 302 to /echo, /missing → 404, anything else echoes
// "METHOD URL body".
const selfServer = `
local function serve(req, res)
    local url = req.getURL()
    if url == "/redirect" then
        res.setStatusCode(302)
        res.setResponseHeader("Location", "/echo?from=redirect")
    elseif url == "/missing" then
        res.setStatusCode(404)
        res.write("no such page")
    else
        res.write(req.getMethod() .. " " .. url .. " " .. req.readAll())
    end
    res.close()
end
`

// TestServesItself runs http.get inside parallel.waitForAny beside a
// coroutine that serves the very requests it makes, on craftos's own
// listener.
func TestServesItself(t *testing.T) {
	computertest.CheckGoroutines(t)
	src := selfServer + `
local base = "http://127.0.0.1:" .. port
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
parallel.waitForAny(
    function() http.listen(tonumber(port), serve) end,
    function()
        print(http.get(base .. "/hello").readAll())
        print(http.get{url = base .. "/table"}.readAll())
        print(http.post(base .. "/form", "a=1").readAll())
        print(http.put(base .. "/item", "x").readAll())
        print(http.get(base .. "/redirect").readAll())
        local h, err, eh = http.get(base .. "/missing")
        print(h, err, eh.getResponseCode())
        print(eh.readAll())
        eq(http.post(base .. "/bin", all, nil, true).readAll(), "POST /bin " .. all, "binary round trip")
        print(http.checkURL(base))
    end)
print("done")`
	port := freeTCPPort(t)
	want := "GET /hello \nGET /table \nPOST /form a=1\nPUT /item x\nGET /echo?from=redirect \n" +
		"nil\tNot Found\t404\tNot Found\nno such page\ntrue\tnil\ndone\n"
	if got := runLua(t, "local port = "+port+"\n"+src, ""); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestServesItselfOneLoop serves and calls itself from one event loop with
// the asynchronous natives, no parallel.
func TestServesItselfOneLoop(t *testing.T) {
	computertest.CheckGoroutines(t)
	src := selfServer + `
http.addListener(tonumber(port))
local base = "http://127.0.0.1:" .. port
for i = 1, 5 do http.request(base .. "/n" .. i, "body" .. i) end
local answers = {}
while #answers < 5 do
    local ev, a, b, c = os.pullEvent()
    if ev == "http_request" then serve(b, c)
    elseif ev == "http_success" then answers[#answers + 1] = b.readAll()
    elseif ev == "http_failure" then error(a .. ": " .. b) end
end
table.sort(answers)
print(table.concat(answers, ","))
http.removeListener(tonumber(port))
print(http.get(base .. "/gone"))`
	port := freeTCPPort(t)
	want := "POST /n1 body1,POST /n2 body2,POST /n3 body3,POST /n4 body4,POST /n5 body5\n" +
		"nil\tCould not connect\tnil\n"
	if got := runLua(t, "local port = "+port+"\n"+src, ""); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestWebSocketToItself connects http.websocket to the computer's own
// http.websocketServer.
func TestWebSocketToItself(t *testing.T) {
	computertest.CheckGoroutines(t)
	src := `
local srv = assert(http.websocketServer(tonumber(port)))
parallel.waitForAll(
    function()
        local c = srv.listen(5)
        local msg, binary = c.receive(5)
        c.send("re:" .. msg, binary)
        c.send("\0\255", true)
        local bye = c.receive(5)
        print("server got", bye)
        c.close()
    end,
    function()
        local ws = assert(http.websocket("ws://127.0.0.1:" .. port))
        ws.send("hi")
        print(ws.receive(5))
        local m, b = ws.receive(5)
        print(#m, m:byte(1), m:byte(2), b)
        ws.send("bye")
        print(ws.receive(5))
    end)
srv.close()`
	port := freeTCPPort(t)
	want := "re:hi\tfalse\n2\t0\t255\ttrue\nserver got\tbye\nnil\n"
	r := computertest.Run(t, prelude+"local port = "+port+"\n"+src,
		computertest.Extensions(Install), computertest.Limits(testLimits()))
	if r.Stdout != want || r.Err != nil || r.Stderr != "" {
		t.Errorf("got %q (%v, %s), want %q", r.Stdout, r.Err, r.Stderr, want)
	}
}
