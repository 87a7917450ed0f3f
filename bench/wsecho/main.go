// Command wsecho is the load for bench/ws.sh: c WebSocket connections,
// each sending a message and waiting for its echo, again and again, for
// d; it prints "msgs_per_s p99_ms" (round trips per second over all
// connections, and the 99th percentile round trip). It runs in its own
// process, as a user's clients do.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"slices"
	"sync"
	"time"

	"github.com/coder/websocket"
)

func main() {
	url := flag.String("url", "ws://127.0.0.1:18183/", "server")
	conns := flag.Int("c", 50, "connections")
	dur := flag.Duration("d", 5*time.Second, "duration")
	size := flag.Int("size", 32, "message size in bytes")
	flag.Parse()

	msg := make([]byte, *size)
	for i := range msg {
		msg[i] = 'a' + byte(i%26)
	}
	ctx := context.Background()
	clients := make([]*websocket.Conn, *conns)
	for i := range clients {
		c, _, err := websocket.Dial(ctx, *url, &websocket.DialOptions{CompressionMode: websocket.CompressionDisabled})
		if err != nil {
			log.Fatalf("connection %d: %v", i, err)
		}
		clients[i] = c
	}
	var (
		mu   sync.Mutex
		rtts []time.Duration
		wg   sync.WaitGroup
	)
	end := time.Now().Add(*dur)
	for _, c := range clients {
		wg.Go(func() {
			mine := make([]time.Duration, 0, 1<<16)
			for time.Now().Before(end) {
				start := time.Now()
				if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
					log.Fatalf("write: %v", err)
				}
				_, got, err := c.Read(ctx)
				if err != nil {
					log.Fatalf("read: %v", err)
				}
				if len(got) != len(msg) {
					log.Fatalf("echo of %d bytes, sent %d", len(got), len(msg))
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			rtts = append(rtts, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, c := range clients {
		c.Close(websocket.StatusNormalClosure, "")
	}
	slices.Sort(rtts)
	p99 := rtts[len(rtts)*99/100]
	fmt.Printf("%d %.3f\n", int(float64(len(rtts))/dur.Seconds()), float64(p99)/float64(time.Millisecond))
}
