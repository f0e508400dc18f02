package recorder

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// lines splits a trace into its lines, without the final newline.
func lines(trace *bytes.Buffer) []string {
	return strings.Split(strings.TrimSuffix(trace.String(), "\n"), "\n")
}

type WatcherClosedError struct{}

func (WatcherClosedError) Error() string { return "closed" }

// Every operation is written as its call and its return, in the format of docs/trace-format.md.
func TestEveryOperationIsACallAndAReturn(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Sync)
	main := r.Thread("main")
	main.Set(map[string]any{"v": 1}, func() {})
	watcher := main.Watch(func() {})
	signal := r.Signal(context.Background())
	main.Get(watcher, nil, func(ctx context.Context) (any, error) { return nil, nil })
	main.Abort(signal)
	main.Get(watcher, signal, func(ctx context.Context) (any, error) { return nil, ctx.Err() })
	main.Get(watcher, nil, func(ctx context.Context) (any, error) { return nil, fmt.Errorf("wrapped: %w", &WatcherClosedError{}) })
	main.Close(watcher, func() {})
	main.Done()
	if quiescent, err := r.End(time.Second, time.Second); !quiescent || err != nil {
		t.Fatalf("End: quiescent %v, error %v; want true, nil", quiescent, err)
	}
	want := []string{
		`{"trace":"event-value","version":1,"mode":"sync"}`,
		`{"event":"call","id":"o1","thread":"main","op":"set","data":{"v":1}}`,
		`{"event":"return","id":"o1"}`,
		`{"event":"call","id":"o2","thread":"main","op":"watch","watcher":"w1"}`,
		`{"event":"return","id":"o2","watcher":"w1"}`,
		`{"event":"call","id":"o3","thread":"main","op":"get","watcher":"w1"}`,
		`{"event":"return","id":"o3","data":null}`,
		`{"event":"call","id":"o4","thread":"main","op":"abort","signal":"s1"}`,
		`{"event":"return","id":"o4"}`,
		`{"event":"call","id":"o5","thread":"main","op":"get","watcher":"w1","signal":"s1"}`,
		`{"event":"return","id":"o5","error":"aborted"}`,
		`{"event":"call","id":"o6","thread":"main","op":"get","watcher":"w1"}`,
		`{"event":"return","id":"o6","error":"WatcherClosedError"}`,
		`{"event":"call","id":"o7","thread":"main","op":"close","watcher":"w1"}`,
		`{"event":"return","id":"o7"}`,
		`{"event":"end","quiescent":true}`,
	}
	if got := lines(&trace); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("trace:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The call is written before the implementation is entered and the return after it has returned,
// so what another goroutine records meanwhile lies between them.
func TestCallBeforeAndReturnAfterTheImplementation(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	producer, consumer := r.Thread("producer"), r.Thread("consumer")
	producer.Set(1, func() {
		done := make(chan struct{})
		go func() {
			consumer.Watch(func() {})
			close(done)
		}()
		<-done
	})
	producer.Done()
	consumer.Done()
	if _, err := r.End(time.Second, time.Second); err != nil {
		t.Fatal(err)
	}
	got := lines(&trace)
	want := []string{`"call","id":"o1"`, `"call","id":"o2"`, `"return","id":"o2"`, `"return","id":"o1"`}
	for index, fragment := range want {
		if !strings.Contains(got[index+1], fragment) {
			t.Fatalf("line %d is %s, want the event %s", index+2, got[index+1], fragment)
		}
	}
}

// The error of a get is "aborted" only when it is its own signal's error after that signal was
// cancelled; otherwise it is named by the error's type, or by ErrorNames.
func TestErrorNames(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	renamed := ErrorNames(func(err error) string { return "ConcurrentGetError" })
	cases := []struct {
		name    string
		err     error
		signal  bool
		options []Option
		want    string
	}{
		{"the signal's own error", context.Canceled, true, nil, "aborted"},
		{"a cancellation without a signal", context.Canceled, false, nil, "context canceled"},
		{"another context's cancellation", cancelled.Err(), false, nil, "context canceled"},
		{"a typed error", &WatcherClosedError{}, false, nil, "WatcherClosedError"},
		{"a wrapped typed error", fmt.Errorf("get: %w", WatcherClosedError{}), true, nil, "WatcherClosedError"},
		{"a plain error", errors.New("cannot Get() concurrently"), false, nil, "cannot Get() concurrently"},
		{"a plain error, renamed", errors.New("cannot Get() concurrently"), false, []Option{renamed}, "ConcurrentGetError"},
		{"the signal's own error, not renamed", context.Canceled, true, []Option{renamed}, "aborted"},
	}
	for _, c := range cases {
		var trace bytes.Buffer
		r := New(&trace, Async, c.options...)
		thread := r.Thread("main")
		var signal *Signal
		if c.signal {
			signal = r.Signal(context.Background())
			thread.Abort(signal)
		}
		thread.Get("w", signal, func(ctx context.Context) (any, error) { return nil, c.err })
		thread.Done()
		if _, err := r.End(time.Second, time.Second); err != nil {
			t.Fatal(err)
		}
		all := lines(&trace)
		var last map[string]any
		if err := json.Unmarshal([]byte(all[len(all)-2]), &last); err != nil {
			t.Fatal(err)
		}
		if last["error"] != c.want {
			t.Errorf("%s: recorded %v, want %q", c.name, last["error"], c.want)
		}
	}
}

// A trace whose threads have all finished ends at once with the marker.
func TestEndIsQuiescentAtOnceWhenEveryThreadIsDone(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	thread := r.Thread("main")
	thread.AbortAndStop(r.Signal(context.Background()))
	began := time.Now()
	quiescent, err := r.End(time.Hour, time.Hour)
	if !quiescent || err != nil || time.Since(began) > time.Second {
		t.Fatalf("End: quiescent %v, error %v after %v; want true at once", quiescent, err, time.Since(began))
	}
	got := lines(&trace)
	if len(got) != 3 || !strings.Contains(got[1], `"call"`) || got[2] != `{"event":"end","quiescent":true}` {
		t.Fatalf("trace %q: want the abort's call (never its return) and the marker", got)
	}
}

// A thread blocked inside one operation counts as unable to progress once nothing has been
// recorded for the grace period; what it records after the end is left out and counted as late.
func TestEndWaitsOutTheGraceForABlockedThread(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	blocked, release := r.Thread("blocked"), make(chan struct{})
	entered, returned := make(chan struct{}), make(chan struct{})
	go func() {
		blocked.Get("w", nil, func(ctx context.Context) (any, error) { close(entered); <-release; return 1, nil })
		close(returned)
	}()
	<-entered
	began := time.Now()
	quiescent, err := r.End(100*time.Millisecond, 10*time.Second)
	if took := time.Since(began); !quiescent || err != nil || took < 90*time.Millisecond {
		t.Fatalf("End: quiescent %v, error %v after %v; want true after the grace", quiescent, err, took)
	}
	close(release)
	<-returned
	if r.Late() != 1 {
		t.Errorf("Late() = %d, want 1", r.Late())
	}
	if got := lines(&trace); len(got) != 3 || got[2] != `{"event":"end","quiescent":true}` {
		t.Errorf("trace %q: want the get's call and the marker, without the late return", got)
	}
}

// A thread between operations could go on at any moment: the recording is cut at the limit,
// without the marker.
func TestEndCutsWithoutTheMarkerWhileAThreadRuns(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	r.Thread("running")
	began := time.Now()
	quiescent, err := r.End(10*time.Millisecond, 200*time.Millisecond)
	if took := time.Since(began); quiescent || err != nil || took < 190*time.Millisecond {
		t.Fatalf("End: quiescent %v, error %v after %v; want false at the limit", quiescent, err, took)
	}
	if strings.Contains(trace.String(), `"end"`) {
		t.Errorf("a cut trace has the end marker:\n%s", trace.String())
	}
}

// A blocked thread does not make the trace quiescent while another keeps recording.
func TestEndWaitsWhileEventsKeepComing(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	blocked, busy := r.Thread("blocked"), r.Thread("busy")
	release, entered := make(chan struct{}), make(chan struct{})
	go blocked.Get("w", nil, func(ctx context.Context) (any, error) { close(entered); <-release; return nil, nil })
	<-entered
	go func() {
		for i := 0; i < 30; i++ {
			busy.Set(i, func() { time.Sleep(10 * time.Millisecond) })
		}
		busy.Done()
	}()
	began := time.Now()
	quiescent, err := r.End(100*time.Millisecond, 10*time.Second)
	if took := time.Since(began); !quiescent || err != nil || took < 300*time.Millisecond {
		t.Fatalf("End: quiescent %v, error %v after %v; want true only after the busy thread stopped", quiescent, err, took)
	}
	close(release)
}

// Data that cannot be written as JSON stops the recording, and End reports it.
func TestUnencodableDataIsAnError(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	thread := r.Thread("main")
	thread.Set(func() {}, func() {})
	thread.Done()
	if _, err := r.End(time.Second, time.Second); err == nil || !strings.Contains(err.Error(), "JSON") {
		t.Fatalf("End's error is %v, want one about JSON", err)
	}
	if got := lines(&trace); len(got) != 1 {
		t.Errorf("trace %q: want only the header", got)
	}
}

// Many goroutines recording at once: every line is whole, every operation's call comes before its
// return, and a thread's operations never overlap.
func TestManyGoroutines(t *testing.T) {
	var trace bytes.Buffer
	r := New(&trace, Async)
	var group sync.WaitGroup
	for g := 0; g < 16; g++ {
		thread := r.Thread(fmt.Sprintf("t%d", g))
		group.Add(1)
		go func() {
			defer group.Done()
			defer thread.Done()
			for i := 0; i < 200; i++ {
				thread.Set(i, func() {})
			}
		}()
	}
	group.Wait()
	if _, err := r.End(time.Second, time.Second); err != nil {
		t.Fatal(err)
	}
	open := map[string]string{}
	busy := map[string]bool{}
	all := lines(&trace)
	for _, line := range all[1 : len(all)-1] {
		var e event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		switch e.Event {
		case "call":
			if busy[e.Thread] {
				t.Fatalf("thread %s calls %s inside another operation", e.Thread, e.ID)
			}
			open[e.ID], busy[e.Thread] = e.Thread, true
		case "return":
			thread, ok := open[e.ID]
			if !ok {
				t.Fatalf("return of %s before its call", e.ID)
			}
			delete(open, e.ID)
			busy[thread] = false
		}
	}
	if len(all) != 2+16*200*2 || len(open) != 0 {
		t.Fatalf("%d lines with %d operations open, want %d lines and none open", len(all), len(open), 2+16*200*2)
	}
}
