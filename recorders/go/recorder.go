// Package recorder records the trace of an Event Value driven from many goroutines, in the
// format that event-value's trace checker judges (docs/trace-format.md of event-value): JSON
// Lines, a header naming the mode, then one line per event.
//
// It is one file with only the standard library, so that the author of a Go implementation can
// copy it next to their tests. Wrap every operation of the implementation in the method of the
// same name on a Thread (example_test.go runs this):
//
//	rec := recorder.New(file, recorder.Async)
//	producer, consumer := rec.Thread("producer"), rec.Thread("consumer")
//	value := port.New[int](port.Async)
//	var w *port.MemoryWatcher[int]
//	name := consumer.Watch(func() { w = value.Watch() })
//	producer.Set(1, func() { value.Set(1) })
//	producer.Done()
//	signal := rec.Signal(context.Background())
//	consumer.Get(name, signal, func(ctx context.Context) (any, error) {
//		data, err := w.Get(ctx)
//		return data, err
//	})
//	consumer.Done()
//	quiescent, err := rec.End(300*time.Millisecond, 5*time.Second)
//
// Each event is appended under one mutex at the moment it happens: an operation's call before the
// implementation is entered, its return after the implementation has returned. The order of the
// lines is therefore a real-time order consistent with the execution, and every operation's real
// interval lies between its two lines, which is what linearizability asks of a history. A
// goroutine is a thread of the trace; use one Thread per goroutine, never one Thread from two
// goroutines at once (a thread's operations do not overlap). A cancellable context is a signal;
// cancelling it through Thread.Abort is the trace's abort operation.
//
// End decides how the trace ends. It writes the end marker {"event":"end","quiescent":true} only
// when it has waited until nothing could progress any more: every thread has finished (Done), or
// every thread that has not is inside one operation and no event has been recorded for a grace
// period. The checker then judges operations still pending strictly (a get still pending must be
// one the spec lets wait). If that moment does not come before the limit, End cuts the recording
// without the marker, and the checker judges pending operations as linearizability does: each
// may have taken effect after its call, or not at all. Nothing is recorded after End; goroutines
// still blocked in the implementation may be abandoned.
package recorder

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Mode is the mode of the value recorded, written in the trace's header (VAL-6).
type Mode string

const (
	// Async is the coalescing mode: each get returns the newest version it has not seen.
	Async Mode = "async"
	// Sync is the full-log mode: each watcher receives every version, and a set settles once its
	// audience has received it or closed.
	Sync Mode = "sync"
)

// Recorder writes one trace. Its methods and those of its threads are safe for concurrent use.
type Recorder struct {
	mu         sync.Mutex
	out        *bufio.Writer
	errorName  func(error) string
	operations int
	watchers   int
	signals    int
	threads    []*Thread
	lastEvent  time.Time
	ending     ending
	late       int
	err        error
}

// ending says whether the recording is still open, and if not, how it ended.
type ending int

const (
	recording ending = iota
	endedQuiescent
	endedCut
)

// Option changes how a Recorder records.
type Option func(*Recorder)

// ErrorNames sets how a get's error is named in the trace, for an implementation whose errors
// are not types named as the spec names them (WatcherClosedError, ConcurrentGetError, ERR-1).
// A get that fails with its own signal's error is written as "aborted" before this is asked.
func ErrorNames(name func(error) string) Option {
	return func(r *Recorder) { r.errorName = name }
}

// New starts a trace of a value in the given mode, written to out as events happen (buffered;
// End flushes it).
func New(out io.Writer, mode Mode, options ...Option) *Recorder {
	r := &Recorder{out: bufio.NewWriter(out), errorName: ErrorName, lastEvent: time.Now()}
	for _, option := range options {
		option(r)
	}
	r.write(header{Trace: "event-value", Version: 1, Mode: mode})
	return r
}

// ErrorName is how errors are named by default: by the first error in err's chain whose type is
// exported and named like an error (WatcherClosedError, ConcurrentGetError), without its package,
// and otherwise by err's message.
func ErrorName(err error) string {
	for link := err; link != nil; link = errors.Unwrap(link) {
		kind := reflect.TypeOf(link)
		for kind.Kind() == reflect.Pointer {
			kind = kind.Elem()
		}
		name := kind.Name()
		if name != "" && unicode.IsUpper([]rune(name)[0]) && strings.HasSuffix(name, "Error") {
			return name
		}
	}
	return err.Error()
}

// Thread is one goroutine of the trace. Its operations must not overlap: use it from one
// goroutine at a time.
type Thread struct {
	recorder *Recorder
	name     string
	state    threadState
}

// threadState is what End needs to know about a thread: whether it could still record something.
type threadState int

const (
	// running: between operations, so it may call another at any moment.
	running threadState = iota
	// inOperation: called an operation that has not returned.
	inOperation
	// finished: it will record nothing more.
	finished
)

// Thread names a new thread. Call Done when its goroutine will record nothing more, so that End
// need not wait for it.
func (r *Recorder) Thread(name string) *Thread {
	t := &Thread{recorder: r, name: name}
	r.mu.Lock()
	r.threads = append(r.threads, t)
	r.mu.Unlock()
	return t
}

// Signal is a cancellable context with a name in the trace: the trace's abort signal.
type Signal struct {
	name   string
	ctx    context.Context
	cancel context.CancelFunc
}

// Signal makes a new signal, a context derived from parent that Thread.Abort cancels.
func (r *Recorder) Signal(parent context.Context) *Signal {
	ctx, cancel := context.WithCancel(parent)
	r.mu.Lock()
	r.signals++
	name := fmt.Sprintf("s%d", r.signals)
	r.mu.Unlock()
	return &Signal{name: name, ctx: ctx, cancel: cancel}
}

// Context is the signal's context, to pass to the implementation's get.
func (s *Signal) Context() context.Context { return s.ctx }

// Name is the signal's name in the trace.
func (s *Signal) Name() string { return s.name }

// header is the first line of a trace.
type header struct {
	Trace   string `json:"trace"`
	Version int    `json:"version"`
	Mode    Mode   `json:"mode"`
}

// end is the last line of a trace that ended when nothing could progress.
type end struct {
	Event     string `json:"event"`
	Quiescent bool   `json:"quiescent"`
}

// event is one line after the header; empty fields are left out.
type event struct {
	Event   string           `json:"event"`
	ID      string           `json:"id"`
	Thread  string           `json:"thread,omitempty"`
	Op      string           `json:"op,omitempty"`
	Watcher string           `json:"watcher,omitempty"`
	Signal  string           `json:"signal,omitempty"`
	Data    *json.RawMessage `json:"data,omitempty"`
	Error   string           `json:"error,omitempty"`
}

// Set records a set of data around set, which must make the implementation's set. In sync mode
// a Go set that blocks until its audience has received it or closed returns when it settles, so
// its return is its settlement.
func (t *Thread) Set(data any, set func()) {
	encoded := t.recorder.encode(data)
	id := t.call(event{Op: "set", Data: encoded})
	set()
	t.ret(event{ID: id})
}

// Watch records a watch around watch, which must make the implementation's watcher, and returns
// the watcher's name in the trace, to pass to Get and Close. The name is written in the call as
// well as in the return, so that a watch that never returns (one blocked behind a lock) is still
// known by name.
func (t *Thread) Watch(watch func()) string {
	r := t.recorder
	r.mu.Lock()
	r.watchers++
	name := fmt.Sprintf("w%d", r.watchers)
	r.mu.Unlock()
	id := t.call(event{Op: "watch", Watcher: name})
	watch()
	t.ret(event{ID: id, Watcher: name})
	return name
}

// Get records a get on the named watcher around get, which must make the implementation's get
// with the context it is given: the signal's, or context.Background() when signal is nil. It
// returns what get returned. An error that is the signal's own (the context's error once it is
// cancelled) is written as "aborted"; other errors are named by the recorder's ErrorNames.
func (t *Thread) Get(watcher string, signal *Signal, get func(ctx context.Context) (any, error)) (any, error) {
	ctx, name := context.Background(), ""
	if signal != nil {
		ctx, name = signal.ctx, signal.name
	}
	id := t.call(event{Op: "get", Watcher: watcher, Signal: name})
	data, err := get(ctx)
	switch {
	case err == nil:
		t.ret(event{ID: id, Data: t.recorder.encode(data)})
	case signal != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		t.ret(event{ID: id, Error: "aborted"})
	default:
		t.ret(event{ID: id, Error: t.recorder.errorName(err)})
	}
	return data, err
}

// Close records a close of the named watcher around close, which must close the implementation's
// watcher.
func (t *Thread) Close(watcher string, close func()) {
	id := t.call(event{Op: "close", Watcher: watcher})
	close()
	t.ret(event{ID: id})
}

// Abort records an abort of signal: it cancels the signal's context between the call and the
// return.
func (t *Thread) Abort(signal *Signal) {
	id := t.call(event{Op: "abort", Signal: signal.name})
	signal.cancel()
	t.ret(event{ID: id})
}

// AbortAndStop records the call of an abort of signal, cancels it, and stops following the
// thread (as Done does): the abort stays pending in the trace, as it does for a recorder that
// loses sight of a thread once it has cancelled. The checker must then let it take effect at any
// instant after its call.
func (t *Thread) AbortAndStop(signal *Signal) {
	t.call(event{Op: "abort", Signal: signal.name})
	signal.cancel()
	t.Done()
}

// Done says the thread records nothing more. An operation it called and did not return (its
// goroutine panicked inside the implementation, say) stays pending in the trace.
func (t *Thread) Done() {
	r := t.recorder
	r.mu.Lock()
	t.state = finished
	r.mu.Unlock()
}

// call appends the call of an operation and returns its id.
func (t *Thread) call(e event) string {
	r := t.recorder
	r.mu.Lock()
	defer r.mu.Unlock()
	r.operations++
	e.Event, e.ID, e.Thread = "call", fmt.Sprintf("o%d", r.operations), t.name
	t.state = inOperation
	r.record(e)
	return e.ID
}

// ret appends the return of an operation.
func (t *Thread) ret(e event) {
	r := t.recorder
	r.mu.Lock()
	defer r.mu.Unlock()
	e.Event = "return"
	t.state = running
	r.record(e)
}

// record appends an event, or counts it as late once the recording has ended. Called under mu.
func (r *Recorder) record(e event) {
	if r.ending != recording {
		r.late++
		return
	}
	r.lastEvent = time.Now()
	r.write(e)
}

// write appends one line, keeping the first error. Called under mu (or before r is shared).
func (r *Recorder) write(line any) {
	if r.err != nil {
		return
	}
	encoded, err := json.Marshal(line)
	if err == nil {
		encoded = append(encoded, '\n')
		_, err = r.out.Write(encoded)
	}
	r.err = err
}

// encode turns data into JSON. Data that cannot be encoded is a mistake of the caller: it becomes
// the recorder's error, which stops the recording (nothing more is written) and End returns.
func (r *Recorder) encode(data any) *json.RawMessage {
	encoded, err := json.Marshal(data)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = fmt.Errorf("recorder: data %v cannot be encoded as JSON: %w", data, err)
		}
		r.mu.Unlock()
		encoded = []byte("null")
	}
	raw := json.RawMessage(encoded)
	return &raw
}

// quiescent says whether nothing could progress: every thread finished, or every unfinished one
// inside an operation with no event for grace. Called under mu.
func (r *Recorder) quiescent(grace time.Duration, now time.Time) bool {
	idle := true
	for _, t := range r.threads {
		switch t.state {
		case running:
			return false
		case inOperation:
			idle = false
		case finished:
		}
	}
	return idle || now.Sub(r.lastEvent) >= grace
}

// End stops the recording and flushes the trace. It waits at most limit for the moment when
// nothing can progress (see the package documentation) and then writes the end marker and
// reports true; if that moment does not come in time, it cuts the recording without the marker
// and reports false. It returns the first error met while recording or writing.
func (r *Recorder) End(grace, limit time.Duration) (quiescent bool, err error) {
	poll := grace / 10
	if poll > 10*time.Millisecond || poll <= 0 {
		poll = 10 * time.Millisecond
	}
	deadline := time.Now().Add(limit)
	for {
		now := time.Now()
		r.mu.Lock()
		if r.quiescent(grace, now) {
			r.write(end{Event: "end", Quiescent: true})
			r.ending = endedQuiescent
			break
		}
		if !now.Before(deadline) {
			r.ending = endedCut
			break
		}
		r.mu.Unlock()
		time.Sleep(poll)
	}
	defer r.mu.Unlock()
	if err := r.out.Flush(); err != nil && r.err == nil {
		r.err = err
	}
	return r.ending == endedQuiescent, r.err
}

// Late counts the events that came after End; they are not in the trace. After a quiescent end
// there should be none: one would mean the grace period was too short to see that something
// could still progress.
func (r *Recorder) Late() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.late
}
