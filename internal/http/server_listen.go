package http

import (
	lua "github.com/yuin/gopher-lua"

	"github.com/craftos/craftos/internal/vm"
)

// FailResponse is failResponse(res, status), used by http.listen (the ROM
// takes it out of the http table): when a handler raises, its client gets
// status (500) instead of whatever was written, or a cut connection if the
// response was already streaming. It returns whether the response was
// still open, and whether the request failed through its client (a
// request body that could not be read: that client has been answered, and
// the handler's error is no fault of the server's).
func (s *server) FailResponse(a vm.Args) int {
	var r *ServerResponse
	if ud, ok := a.Table(1).RawGetInt(1).(*lua.LUserData); ok {
		r, _ = ud.Value.(*ServerResponse)
	}
	if r == nil {
		a.TypeError(1, "response")
	}
	status := a.Int(2)
	if status < 500 || status > 599 {
		a.Error(2, "status code out of range")
	}
	answered := r.x.failWith(status)
	return a.Return(lua.LBool(answered), lua.LBool(r.x.clientFault()))
}
