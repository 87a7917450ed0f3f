package computer

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chzyer/readline"

	"github.com/craftos/craftos/internal/events"
)

// lineInput reads stdin a line at a time, only when the program asks (the
// bios's read()), and delivers each line as a "stdin_line" event; nil marks
// the end of input. Reading lazily keeps stdin free for whoever else wants
// it, and lets a terminal show the prompt only when input is wanted.
type lineInput struct {
	r     io.Reader
	tty   bool
	q     *events.Queue
	once  sync.Once
	req   chan string
	done  chan struct{}
	close func()
	// reading counts reads of stdin under way (a line requested, or a
	// foreign ROM's input being typed): input may yet wake the computer.
	reading atomic.Int32
	// typing is set once a foreign ROM's input is typed; asked then tells
	// the typist the computer waits for input (see Computer.next).
	typing atomic.Bool
	asked  chan struct{}
}

func newLineInput(r io.Reader, tty bool, q *events.Queue) *lineInput {
	in := &lineInput{r: r, tty: tty, q: q, req: make(chan string, 1), done: make(chan struct{}), asked: make(chan struct{}, 1)}
	var closeOnce sync.Once
	in.close = func() { closeOnce.Do(func() { close(in.done) }) }
	return in
}

// StdinLine is the event that carries a line of standard input.
const StdinLine = "stdin_line"

// request asks for one line; prompt is shown only on a terminal.
func (in *lineInput) request(prompt string) {
	in.once.Do(func() { go in.loop() })
	in.reading.Add(1)
	select {
	case in.req <- prompt:
	default: // a request is already pending
		in.reading.Add(-1)
	}
}

func (in *lineInput) loop() {
	var next func(prompt string) (string, error)
	if in.tty {
		rl, err := readline.NewEx(&readline.Config{Stdin: io.NopCloser(in.r), HistoryLimit: 500, DisableAutoSaveHistory: false})
		if err == nil {
			defer rl.Close()
			next = func(prompt string) (string, error) {
				rl.SetPrompt(prompt)
				line, err := rl.Readline()
				if errors.Is(err, readline.ErrInterrupt) {
					in.q.PushHost(events.Event{Name: "terminate", Source: events.SourceSignal})
					return "", errInterrupted
				}
				return line, err
			}
		}
	}
	if next == nil {
		br := bufio.NewReader(in.r)
		next = func(string) (string, error) {
			line, err := br.ReadString('\n')
			if err != nil && line == "" {
				return "", err
			}
			return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
		}
	}
	eof := false
	for {
		var prompt string
		select {
		case prompt = <-in.req:
		case <-in.done:
			return
		}
		if eof {
			in.q.PushHost(events.Event{Name: StdinLine, Source: events.SourceStdin})
			in.doneReading()
			continue
		}
		line, err := next(prompt)
		switch {
		case errors.Is(err, errInterrupted):
			in.doneReading()
			continue
		case err != nil:
			eof = true
			in.q.PushHost(events.Event{Name: StdinLine, Source: events.SourceStdin})
		default:
			in.q.PushHost(events.Event{Name: StdinLine, Args: []any{line}, Source: events.SourceStdin})
		}
		in.doneReading() // after the push: the queue now holds it
	}
}

// doneReading ends a read; the last wakes the scheduler (the virtual
// clock does not jump while stdin is read).
func (in *lineInput) doneReading() {
	if in.reading.Add(-1) == 0 {
		in.q.Wake()
	}
}

var errInterrupted = errors.New("interrupted")

// ask tells the typist of a foreign ROM's input that the computer waits for
// input.
func (in *lineInput) ask() {
	select {
	case in.asked <- struct{}{}:
	default:
	}
}

// The event queued, never delivered, when a foreign ROM's typed input has
// run out. Its argument, a Go pointer, is what tells it from any event a
// program could queue.
const inputEnded = "craftos:input_ended"

type inputMark struct{}

var endOfInput = &inputMark{}

func isInputEnded(ev events.Event) bool {
	return ev.Name == inputEnded && len(ev.Args) == 1 && ev.Args[0] == endOfInput
}

// typeLines is the input of a ROM that is not ours (--rom): it knows
// nothing of stdin_line and reads the keyboard, so each line of standard
// input is typed at once as a paste followed by the Enter key (enter is
// that ROM's key code). Lines wait outside the event queue while it is
// full, so a long input is not dropped.
//
// A line is typed when the computer asks for input (ask): as a person at
// the keyboard waits for the prompt, so a line is not typed while a
// program sleeps, whose event loop would drop it.
func (in *lineInput) typeLines(ctx context.Context, enter int) {
	in.once.Do(func() {
		in.reading.Add(1)
		in.typing.Store(true)
		go func() {
			defer in.doneReading()
			br := bufio.NewReader(in.r)
			for {
				line, err := br.ReadString('\n')
				if line != "" {
					select {
					case <-in.asked:
					case <-ctx.Done():
						return
					}
					line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
					for _, ev := range []events.Event{
						{Name: "paste", Args: []any{line}, Source: events.SourceStdin},
						{Name: "key", Args: []any{enter, false}, Source: events.SourceStdin},
						{Name: "key_up", Args: []any{enter}, Source: events.SourceStdin},
					} {
						if in.q.PushHostWait(ctx, ev) != nil {
							return
						}
					}
				}
				if err != nil {
					in.q.PushHostWait(ctx, events.Event{Name: inputEnded, Args: []any{endOfInput}})
					return
				}
			}
		}()
	})
}
