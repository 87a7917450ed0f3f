// Command wsidle opens n idle WebSocket connections to a URL, prints
// "connected" once all are open, and holds them until stdin closes; for
// bench/ws_idle.sh, which reads the server's memory meanwhile.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"github.com/coder/websocket"
)

func main() {
	n := flag.Int("n", 5000, "connections")
	url := flag.String("url", "ws://127.0.0.1:18182/", "server")
	flag.Parse()
	conns := make([]*websocket.Conn, *n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range conns {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, _, err := websocket.Dial(ctx, *url, nil)
			if err != nil {
				log.Fatalf("connection %d: %v", i, err)
			}
			conns[i] = c
		})
	}
	wg.Wait()
	fmt.Println("connected")
	io.Copy(io.Discard, os.Stdin)
	for _, c := range conns {
		c.CloseNow()
	}
}
