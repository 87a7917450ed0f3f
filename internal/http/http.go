// Package http is CraftOS's http API: the client (http.request, checkURL,
// WebSocket clients) and CraftOS-PC's servers (http.addListener,
// http.websocketServer). Natives only; the waiting wrappers (http.get,
// http.listen, ...) are Lua in rom/apis/http/http.lua, as in CraftOS.
package http

import (
	"github.com/craftos/craftos/internal/computer"
)

// API is the native http table. The server and client halves live in their
// own files; their methods are promoted here and become the Lua functions.
type API struct {
	host *computer.Host
	*server
	*client
}

// Install is the computer.Extension that adds the http API.
func Install(h *computer.Host) error {
	api := &API{host: h}
	tlsConfig, err := serverTLS(h.Limits)
	if err != nil {
		return err
	}
	api.server = newServer(h)
	api.server.tls = tlsConfig
	api.client = newClient(h)
	api.client.serverSockets = api.server.openWebSockets
	h.M.Register("http", api)
	h.OnClose(func() {
		api.server.close()
		api.client.close()
	})
	return nil
}
