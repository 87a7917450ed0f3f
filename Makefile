# craftos: `make` builds ./craftos, `make test` runs every test (as CI does).
GO ?= go

.PHONY: build rom-compiled test vet bench bench-go bench-http bench-runtime bench-fidelity conformance-long clean fuzz-load fuzz-http soak fuzz-fs fuzz-ci load-proof

build: rom-compiled
	$(GO) build -o craftos ./cmd/craftos

# The ROM compiled at build time (internal/romcode/rom.bin, embedded): run
# after changing rom/, the compiler or the rewriter, and commit the result
# (make test fails on a stale one: TestCompiledROMIsFresh).
rom-compiled:
	$(GO) generate ./internal/romcode

# vet also checks go.mod is tidy and that everything, tests included, builds
# for Windows and macOS, where users run CraftOS emulators too.
vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd internal rom bench third_party)" || (echo "gofmt needed:"; gofmt -l cmd internal rom bench third_party; exit 1)
	$(GO) mod tidy -diff
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) vet ./...

# The one test command: vet, gofmt, and all tests under the race detector.
test: vet
	$(GO) test -race -count=1 -timeout 15m ./...

# Differential fuzzing against lua5.2 beyond the test's bounded run:
# CONFORMANCE_N programs from CONFORMANCE_SEED ("random" = from the clock);
# mismatches are shrunk into testdata/conformance/found/.
CONFORMANCE_N ?= 50000
CONFORMANCE_SEED ?= random
conformance-long:
	CONFORMANCE_N=$(CONFORMANCE_N) CONFORMANCE_SEED=$(CONFORMANCE_SEED) CONFORMANCE_SHRINK=20 \
		$(GO) test -count=1 -timeout 3h -run 'TestGenerated' -v ./internal/conformance/

# Benchmarks behind BENCHMARKS.md. bench-http needs wrk and curl, bench-runtime
# lua5.2 and hyperfine (apt-get install wrk curl lua5.2 hyperfine).
bench: bench-go bench-http bench-runtime

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

bench-http:
	bench/http.sh 6 50 3
	bench/ws.sh 5 50 3
	bench/ws_idle.sh 10000
	$(GO) test -run '^$$' -bench 'WebSocketEcho|HTTPHello' -benchtime 3s ./internal/http/

bench-runtime:
	bench/runtime.sh

# The cost of the Lua fidelity fixes against an older commit (BASE).
BASE ?= b062a5b
bench-fidelity:
	bench/fidelity.sh $(BASE)

# Fuzz the Lua front end (lexer, parser, code generator) for a bounded time.
fuzz-load:
	$(GO) test ./internal/vm -run '^$$' -fuzz FuzzLoad -fuzztime 30s

fuzz-fs:
	$(GO) test ./internal/fs -run '^$$' -fuzz '^FuzzPath$$' -fuzztime 20s

# Fuzz the HTTP listener with raw request bytes for a bounded time.
fuzz-http:
	$(GO) test ./internal/http -run '^$$' -fuzz FuzzRawRequest -fuzztime 20s

# CI's bounded fuzz runs (each seed corpus also runs in `make test`).
FUZZTIME ?= 15s
fuzz-ci:
	$(GO) test ./internal/vm -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./internal/fs -run '^$$' -fuzz '^FuzzPath$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/http -run '^$$' -fuzz FuzzRawRequest -fuzztime $(FUZZTIME)

# Mixed-fault soak of the listeners (loopback, a few minutes at most).
# make test 5 times beside a second make test and a CPU hog (see CONTRIBUTING.md).
load-proof:
	bench/loadproof.sh

soak:
	bench/soak.sh

clean:
	rm -f craftos
