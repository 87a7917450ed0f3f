package events

// Where an event came from (Event.Source), as the event trace
// (--trace-events) names it. The timer and alarm sources are the events'
// own names.
const (
	SourceTimer      = "timer"
	SourceAlarm      = "alarm"
	SourceHTTPServer = "http_server"   // a listener's requests and failures
	SourceHTTPClient = "http_client"   // http.request, http.checkURL
	SourceWebSocket  = "websocket"     // messages, connects, closes, both sides
	SourceStdin      = "stdin"         // stdin_line, and a foreign ROM's typed input
	SourceTerminal   = "terminal"      // key, char, paste, mouse, term_resize, Ctrl-T
	SourceSignal     = "signal"        // terminate from Ctrl-C or SIGINT
	SourceQueueEvent = "os.queueEvent" // queued by a program
	SourcePeripheral = "peripheral"    // attached devices: peripheral, monitor_touch, disk, modem_message, ...
)
