# craftos: `make` builds ./craftos, `make test` runs every test (as CI does).
GO ?= go

.PHONY: build test vet race bench clean

build:
	$(GO) build -o craftos ./cmd/craftos

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd internal rom)" || (echo "gofmt needed:"; gofmt -l cmd internal rom; exit 1)

# The one test command: vet, gofmt, and all tests under the race detector.
test: vet
	$(GO) test -race -count=1 -timeout 15m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -f craftos
