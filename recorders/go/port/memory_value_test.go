package port

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"sync"
	"testing"
	"time"
)

// within runs step and fails the test if it takes longer than a second (a wait that should not be).
func within(t *testing.T, what string, step func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		step()
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatalf("%s did not finish within a second", what)
	}
}

// result is what a get returned.
type result struct {
	data int
	err  error
}

// getInBackground starts a get and returns once it is waiting, with the channel of its result.
func getInBackground(t *testing.T, w *MemoryWatcher[int], ctx context.Context) <-chan result {
	t.Helper()
	results := make(chan result, 1)
	go func() {
		data, err := w.Get(ctx)
		results <- result{data, err}
	}()
	for deadline := time.Now().Add(time.Second); ; time.Sleep(time.Millisecond) {
		w.value.mu.Lock()
		phase := w.phase
		w.value.mu.Unlock()
		if phase == waiting {
			return results
		}
		if time.Now().After(deadline) {
			t.Fatal("the get did not begin waiting")
		}
	}
}

// answered waits at most a second for the result of a get started by getInBackground.
func answered(t *testing.T, results <-chan result) result {
	t.Helper()
	var got result
	within(t, "the waiting get's answer", func() { got = <-results })
	return got
}

// expect fails unless the get's result is the data wanted, or an error of the kind wanted.
func expect(t *testing.T, what string, got result, data int, kind error) {
	t.Helper()
	switch {
	case kind == nil && (got.err != nil || got.data != data):
		t.Fatalf("%s: got %d, %v; want %d", what, got.data, got.err, data)
	case kind != nil && !errors.Is(got.err, kind) && (got.err == nil || fmt.Sprintf("%T", got.err) != fmt.Sprintf("%T", kind)):
		t.Fatalf("%s: got %d, %v; want the error %T", what, got.data, got.err, kind)
	}
}

// get makes a get that must return within a second.
func get(t *testing.T, w *MemoryWatcher[int], ctx context.Context) result {
	t.Helper()
	var got result
	within(t, "a get", func() { got.data, got.err = w.Get(ctx) })
	return got
}

// laggingContext is a context whose cancellation (Err) and whose Done channel are set apart, to
// put a get in the windows that the scheduler shows only rarely: cancelled, but its goroutine has
// not seen Done yet; or Done seen, but a set hands it a version before the cancellation.
type laggingContext struct {
	context.Context
	mu   sync.Mutex
	err  error
	done chan struct{}
}

func newLaggingContext() *laggingContext {
	return &laggingContext{Context: background, done: make(chan struct{})}
}

func (c *laggingContext) Done() <-chan struct{} { return c.done }

func (c *laggingContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// cancel makes Err report the cancellation, without closing Done yet.
func (c *laggingContext) cancel() {
	c.mu.Lock()
	c.err = context.Canceled
	c.mu.Unlock()
}

var background = context.Background()

// GET-2, GET-3, GET-5, ASYNC-1: a first get returns the newest data at once, a later one waits for
// a newer version.
func TestAsyncFirstGetAndCoalescing(t *testing.T) {
	v := New[int](Async)
	v.Set(1)
	w := v.Watch()
	v.Set(2)
	v.Set(3)
	expect(t, "the first get", get(t, w, background), 3, nil)
	short, cancel := context.WithTimeout(background, 20*time.Millisecond)
	defer cancel()
	expect(t, "a get with nothing newer", get(t, w, short), 0, context.DeadlineExceeded)
}

// GET-2, GET-6: the first get of a watcher made on an unset value waits for the first set.
func TestFirstGetWaitsForTheFirstSet(t *testing.T) {
	for _, mode := range []Mode{Async, Sync} {
		v := New[int](mode)
		w := v.Watch()
		waiting := getInBackground(t, w, background)
		within(t, "the set", func() { v.Set(7) })
		expect(t, "the waiting get", answered(t, waiting), 7, nil)
	}
}

// SYNC-1, SYNC-3: in sync mode a watcher receives the version current at watch, then every later
// one, in order, even when sets from several goroutines have run ahead of it; a set with no
// watcher open returns at once.
func TestSyncFullLog(t *testing.T) {
	v := New[int](Sync)
	within(t, "a set with no watcher", func() { v.Set(0) })
	w := v.Watch()
	for i := 1; i <= 4; i++ {
		go v.Set(i)
		waitFor(t, v, uint64(i+1))
	}
	for want := 0; want <= 4; want++ {
		expect(t, fmt.Sprintf("get %d", want), get(t, w, background), want, nil)
	}
}

// waitFor waits until the value's current version is number.
func waitFor(t *testing.T, v *MemoryValue[int], number uint64) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); ; time.Sleep(time.Millisecond) {
		v.mu.Lock()
		current := v.current
		v.mu.Unlock()
		if current == number {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the value did not reach version %d", number)
		}
	}
}

// SYNC-2, WATCH-1: a sync set blocks until its audience has received it, and a watch meanwhile
// does not wait behind it (the original's Set held the value's lock while it blocked). That later
// watcher receives the version first (it was current at the watch), but is not of its audience.
func TestSyncSetBlocksUntilReceivedButWatchDoesNot(t *testing.T) {
	v := New[int](Sync)
	w := v.Watch()
	returned := make(chan struct{})
	go func() {
		v.Set(1)
		close(returned)
	}()
	waitFor(t, v, 1)
	var later *MemoryWatcher[int]
	within(t, "a watch while a sync set waits", func() { later = v.Watch() })
	expect(t, "the later watcher's get", get(t, later, background), 1, nil)
	time.Sleep(20 * time.Millisecond)
	select {
	case <-returned:
		t.Fatal("the sync set returned before its audience received the version")
	default:
	}
	expect(t, "the get", get(t, w, background), 1, nil)
	within(t, "the set after the receipt", func() { <-returned })
	later.Close()
}

// CLOSE-5: closing the last watcher a sync set waits for releases it.
func TestCloseReleasesASyncSet(t *testing.T) {
	v := New[int](Sync)
	first, second := v.Watch(), v.Watch()
	returned := make(chan struct{})
	go func() {
		v.Set(1)
		close(returned)
	}()
	expect(t, "the first watcher's get", get(t, first, background), 1, nil)
	within(t, "the close", second.Close)
	within(t, "the set after the close", func() { <-returned })
}

// CONC-1, CONC-2: a second get while one waits is refused at once, and the first goes on.
func TestConcurrentGetIsRefused(t *testing.T) {
	v := New[int](Async)
	w := v.Watch()
	waiting := getInBackground(t, w, background)
	expect(t, "the second get", get(t, w, background), 0, &ConcurrentGetError{})
	v.Set(1)
	expect(t, "the first get", answered(t, waiting), 1, nil)
}

// CLOSE-1, CLOSE-2, CLOSE-3, CLOSE-4: close answers the waiting get, every later get fails at once,
// a second close does nothing, and the value forgets the watcher.
func TestCloseAnswersGets(t *testing.T) {
	for _, mode := range []Mode{Async, Sync} {
		v := New[int](mode)
		w := v.Watch()
		waiting := getInBackground(t, w, background)
		w.Close()
		expect(t, "the waiting get", answered(t, waiting), 0, &WatcherClosedError{})
		v.Set(1)
		expect(t, "a get after close", get(t, w, background), 0, &WatcherClosedError{})
		w.Close()
		if len(v.waiting) != 0 || len(v.open) != 0 {
			t.Fatalf("the value still references the closed watcher: %d waiting, %d open", len(v.waiting), len(v.open))
		}
	}
}

// ABORT-1, ABORT-2: a cancelled get fails with the context's error and consumes nothing.
func TestAbortedGetConsumesNothing(t *testing.T) {
	v := New[int](Async)
	w := v.Watch()
	ctx, cancel := context.WithCancel(background)
	waiting := getInBackground(t, w, ctx)
	cancel()
	expect(t, "the cancelled get", answered(t, waiting), 0, context.Canceled)
	v.Set(1)
	expect(t, "the next get", get(t, w, background), 1, nil)
}

// ABORT-3: a get whose context is already cancelled fails at once, even with a version there,
// and consumes nothing.
func TestGetWithACancelledContext(t *testing.T) {
	v := New[int](Async)
	v.Set(1)
	w := v.Watch()
	ctx, cancel := context.WithCancel(background)
	cancel()
	expect(t, "the get", get(t, w, ctx), 0, context.Canceled)
	expect(t, "the next get", get(t, w, background), 1, nil)
}

// ABORT-1, ABORT-2: a set made after the cancel, before the waiting get has seen it, must not
// hand it the version: the abort took effect at the cancel. The version stays for the next get.
func TestACancelBeforeASetWins(t *testing.T) {
	for _, mode := range []Mode{Async, Sync} {
		v := New[int](mode)
		w := v.Watch()
		ctx := newLaggingContext()
		waiting := getInBackground(t, w, ctx)
		ctx.cancel()
		returned := make(chan struct{})
		go func() {
			v.Set(1)
			close(returned)
		}()
		waitFor(t, v, 1)
		close(ctx.done)
		expect(t, "the cancelled get", answered(t, waiting), 0, context.Canceled)
		expect(t, "the next get", get(t, w, background), 1, nil)
		within(t, "the set", func() { <-returned })
	}
}

// The abort took effect at the cancel, so a close after it finds no get waiting, and a get after
// it finds the watcher idle, not busy (CONC-1 does not apply), even before the cancelled get has
// seen its cancellation.
func TestACancelBeforeACloseOrAGetWins(t *testing.T) {
	v := New[int](Async)
	w := v.Watch()
	ctx := newLaggingContext()
	waiting := getInBackground(t, w, ctx)
	ctx.cancel()
	w.Close()
	close(ctx.done)
	expect(t, "the cancelled get, then closed", answered(t, waiting), 0, context.Canceled)

	w = v.Watch()
	ctx = newLaggingContext()
	waiting = getInBackground(t, w, ctx)
	ctx.cancel()
	short, stop := context.WithTimeout(background, 20*time.Millisecond)
	defer stop()
	expect(t, "a get after the cancel", get(t, w, short), 0, context.DeadlineExceeded)
	close(ctx.done)
	expect(t, "the cancelled get", answered(t, waiting), 0, context.Canceled)
}

// ABORT-4: a get that sees its context done after a set handed it a version, but before the
// cancellation, returns that version: it was consumed when it was handed over.
func TestACancelAfterTheHandoverChangesNothing(t *testing.T) {
	v := New[int](Async)
	w := v.Watch()
	ctx := newLaggingContext()
	waiting := getInBackground(t, w, ctx)
	close(ctx.done)
	time.Sleep(10 * time.Millisecond)
	v.Set(1)
	ctx.cancel()
	expect(t, "the get handed a version before its cancel", answered(t, waiting), 1, nil)
	short, stop := context.WithTimeout(background, time.Millisecond)
	defer stop()
	expect(t, "the next get", get(t, w, short), 0, context.DeadlineExceeded)
}

// COST-3, LIFE-1: the value keeps only the versions an open watcher still needs, and in async mode
// references no watcher once its get is answered.
func TestTheValueKeepsOnlyWhatIsNeeded(t *testing.T) {
	v := New[int](Sync)
	fast, slow := v.Watch(), v.Watch()
	for i := 1; i <= 5; i++ {
		go v.Set(i)
		waitFor(t, v, uint64(i))
	}
	for want := 1; want <= 5; want++ {
		expect(t, "a get of the fast watcher", get(t, fast, background), want, nil)
	}
	expect(t, "a get of the slow watcher", get(t, slow, background), 1, nil)
	expect(t, "a get of the slow watcher", get(t, slow, background), 2, nil)
	v.mu.Lock()
	kept := len(v.log)
	v.mu.Unlock()
	if kept != 3 {
		t.Fatalf("the sync value keeps %d versions, want the 3 the slow watcher has not received", kept)
	}
	slow.Close()
	v.mu.Lock()
	kept = len(v.log)
	v.mu.Unlock()
	if kept != 1 {
		t.Fatalf("the sync value keeps %d versions, want only the current one", kept)
	}
	a := New[int](Async)
	waiting := getInBackground(t, a.Watch(), background)
	a.Set(1)
	answered(t, waiting)
	if len(a.waiting) != 0 || len(a.open) != 0 {
		t.Fatalf("the async value references %d waiting and %d open watchers, want none", len(a.waiting), len(a.open))
	}
}

// GET-4, SYNC-1 under load, for the race detector: producers, consumers that cancel some of their
// gets from other goroutines, and closes. In async mode (one producer, whose data is the version)
// every watcher receives strictly increasing versions; in sync mode (three producers) every
// watcher receives each producer's data in order, none skipped.
func TestManyGoroutines(t *testing.T) {
	for _, mode := range []Mode{Async, Sync} {
		producers := 1
		if mode == Sync {
			producers = 3
		}
		v := New[int](mode)
		const consumers, sets = 6, 200
		var group sync.WaitGroup
		failures := make(chan string, consumers)
		for c := 0; c < consumers; c++ {
			w := v.Watch()
			rng := rand.New(rand.NewSource(int64(c)))
			group.Add(1)
			go func() {
				defer group.Done()
				defer w.Close()
				last := make([]int, producers)
				for last[0] < sets {
					ctx, cancel := context.WithCancel(background)
					if rng.Intn(4) == 0 {
						go cancel()
					}
					data, err := w.Get(ctx)
					cancel()
					if err != nil {
						continue
					}
					producer, k := data/1000, data%1000
					if k <= last[producer] || mode == Sync && k != last[producer]+1 {
						failures <- fmt.Sprintf("received %d of producer %d after %d", k, producer, last[producer])
						return
					}
					last[producer] = k
				}
			}()
		}
		var setting sync.WaitGroup
		for p := 0; p < producers; p++ {
			p := p
			setting.Add(1)
			go func() {
				defer setting.Done()
				for k := 1; k <= sets; k++ {
					v.Set(p*1000 + k)
				}
			}()
		}
		group.Wait()
		setting.Wait()
		close(failures)
		for failure := range failures {
			t.Errorf("mode %d: %s", mode, failure)
		}
	}
}
