package computertest_test

import (
	"testing"

	"github.com/craftos/craftos/internal/computertest"
)

func TestRunCapturesOutputAndStatus(t *testing.T) {
	r := computertest.Run(t, `print("hello", ...) os.shutdown(3)`, computertest.Args("a"))
	if r.Stdout != "hello\ta\n" || r.Status != 3 || r.Err != nil {
		t.Fatalf("got %+v", r)
	}
}
