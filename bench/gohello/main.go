// Command gohello is the ceiling for bench/http.sh: the same hello answer
// as examples/hello_server.lua, from plain net/http.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "Hello from CraftOS! You asked for %s\n", r.RequestURI)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
