// Package port is MemoryValue written in Go from event-value's specification (docs/spec.md), the
// positive control of the Go recorder's harness: traces recorded from it must all be judged legal.
//
// It follows the clauses with Go's own means: a context.Context is a get's abort signal (its
// cancellation is the abort), and in sync mode Set blocks until every watcher open at the set
// has received the version or closed, as the Go original's Set did, instead of returning a
// promise (SYNC-2). It does not share the original's design: there is no goroutine per watcher.
// Every change of state happens under the value's one lock, and a waiting get is answered through
// a mailbox of one slot that only code holding that lock writes (as upstream's later rewrite
// does), so a version is consumed exactly when it is put in a get's mailbox, and the get returns
// exactly what is there (ABORT-4).
//
// Go has races that JavaScript does not: a context is cancelled by another goroutine, while the
// waiting get learns of it only when it runs again. The abort takes effect when the context is
// cancelled (ABORT-1), so code holding the lock that finds a waiting get whose context is already
// cancelled answers it as aborted, whether that code is a set about to hand it a version
// (ABORT-2: the aborted get consumes nothing), a close (the abort came before the close), or a
// second get on the same watcher (which then finds the watcher idle, not busy: CONC-1).
package port

import (
	"context"
	"sync"
)

// Mode is chosen when the value is made and never changes (VAL-6).
type Mode int

const (
	// Async coalesces: a get returns the newest version newer than its watcher's cursor (ASYNC-1).
	Async Mode = iota
	// Sync keeps a full log: every watcher receives every version, and Set blocks until the
	// watchers open at the set have received it or closed (SYNC-1, SYNC-2).
	Sync
)

// WatcherClosedError is the error of every get on a closed watcher, and of a get pending when
// its watcher closes (CLOSE-2, CLOSE-3). Its type's name is the name the spec gives it (ERR-1).
type WatcherClosedError struct{}

func (*WatcherClosedError) Error() string { return "event value: the watcher is closed" }

// ConcurrentGetError is the error of a get made while another get of the same watcher is
// pending (CONC-1). Its type's name is the name the spec gives it (ERR-1).
type ConcurrentGetError struct{}

func (*ConcurrentGetError) Error() string {
	return "event value: another get of this watcher is pending"
}

// MemoryValue is an Event Value kept in memory. Make it with New; it is safe for concurrent use.
type MemoryValue[T any] struct {
	mu   sync.Mutex
	mode Mode
	// current is the number of the newest version; 0 while the value is unset (VAL-1).
	current uint64
	// log holds the versions still needed, oldest first, numbered consecutively up to current:
	// only the newest in async mode, and in sync mode every version from the oldest that an
	// open watcher has not received yet (COST-3).
	log []*version[T]
	// waiting holds the watchers with a get waiting, in the order they began waiting (GET-6).
	waiting []*MemoryWatcher[T]
	// open holds, in sync mode, every open watcher: the audiences of future sets (SYNC-2). In
	// async mode a value references only waiting watchers (LIFE-1).
	open map[*MemoryWatcher[T]]struct{}
}

// version is one set's data and, in sync mode, how its settlement is awaited.
type version[T any] struct {
	number uint64
	data   T
	// remaining counts, in sync mode, the watchers of the set's audience that have neither
	// received the version nor closed; settled is closed when it reaches zero.
	remaining int
	settled   chan struct{}
}

// phase is a watcher's state: idle, waiting (one get pending) or closed.
type phase int

const (
	idle phase = iota
	waiting
	closed
)

// MemoryWatcher follows one consumer's progress through a MemoryValue's versions.
type MemoryWatcher[T any] struct {
	value *MemoryValue[T]
	phase phase
	// request is the pending get's, while the phase is waiting, and nil otherwise.
	request *request[T]
	// cursor is the number of the version received last (WATCH-3); a new watcher has, in effect,
	// received the version before the one current at watch (GET-2, SYNC-1).
	cursor uint64
	// joined is the first version whose audience the watcher belongs to (SYNC-2): the first set
	// after the watch.
	joined uint64
}

// request is a waiting get: its signal, and its mailbox of one slot, written once, under the
// value's lock.
type request[T any] struct {
	ctx     context.Context
	mailbox chan answer[T]
}

// answer is what a get returns.
type answer[T any] struct {
	data T
	err  error
}

// New makes an unset value in the given mode.
func New[T any](mode Mode) *MemoryValue[T] {
	return &MemoryValue[T]{mode: mode, open: map[*MemoryWatcher[T]]struct{}{}}
}

// Set makes data the value's new version, even when it equals the current data (VAL-2), and
// hands it to every waiting get (GET-6). In sync mode it then blocks until every watcher open at
// the set has received the version or closed (SYNC-2); it returns at once when none is open
// (SYNC-3). It never fails (VAL-4), and it never holds the lock while it blocks, so watch, get
// and close go on meanwhile (WATCH-1).
func (v *MemoryValue[T]) Set(data T) {
	v.mu.Lock()
	v.current++
	made := &version[T]{number: v.current, data: data, settled: make(chan struct{})}
	if v.mode == Sync {
		made.remaining = len(v.open)
		v.log = append(v.log, made)
	} else {
		v.log = []*version[T]{made}
	}
	if made.remaining == 0 {
		close(made.settled)
	}
	waiting := v.waiting
	v.waiting = nil
	for _, w := range waiting {
		if v.reapAborted(w) {
			continue
		}
		w.deliver(answer[T]{data: v.receive(w)})
	}
	v.trim()
	v.mu.Unlock()
	<-made.settled
}

// Watch makes a new watcher; it never waits and never fails (WATCH-1).
func (v *MemoryValue[T]) Watch() *MemoryWatcher[T] {
	v.mu.Lock()
	defer v.mu.Unlock()
	w := &MemoryWatcher[T]{value: v, joined: v.current + 1}
	if v.current > 0 {
		w.cursor = v.current - 1
	}
	if v.mode == Sync {
		v.open[w] = struct{}{}
	}
	return w
}

// Get returns the data of the next version for this watcher: the newest newer than its cursor in
// async mode, the one after its cursor in sync mode, waiting for a set if there is none yet
// (GET-1 to GET-5). It fails, in this order (GET-7), with WatcherClosedError on a closed watcher
// (CLOSE-3), with ConcurrentGetError while another get of the watcher is pending (CONC-1), and
// with ctx.Err() when ctx is cancelled before a version is handed over (ABORT-1, ABORT-3),
// consuming nothing (ABORT-2).
func (w *MemoryWatcher[T]) Get(ctx context.Context) (T, error) {
	v := w.value
	v.mu.Lock()
	v.reapAborted(w)
	var nothing T
	switch w.phase {
	case closed:
		v.mu.Unlock()
		return nothing, &WatcherClosedError{}
	case waiting:
		v.mu.Unlock()
		return nothing, &ConcurrentGetError{}
	case idle:
	}
	if err := ctx.Err(); err != nil {
		v.mu.Unlock()
		return nothing, err
	}
	if v.current > w.cursor {
		data := v.receive(w)
		v.trim()
		v.mu.Unlock()
		return data, nil
	}
	pending := &request[T]{ctx: ctx, mailbox: make(chan answer[T], 1)}
	w.phase, w.request = waiting, pending
	v.waiting = append(v.waiting, w)
	v.mu.Unlock()
	select {
	case got := <-pending.mailbox:
		return got.data, got.err
	case <-ctx.Done():
		// The abort came first unless a set or a close answered the get before it; either way
		// the mailbox holds the answer once reapAborted has run under the lock.
		v.mu.Lock()
		v.reapAborted(w)
		v.mu.Unlock()
		got := <-pending.mailbox
		return got.data, got.err
	}
}

// Close closes the watcher: a pending get fails with WatcherClosedError (CLOSE-2), so does every
// later get (CLOSE-3), the value forgets the watcher (CLOSE-4), and in sync mode every set waiting
// for it no longer does (CLOSE-5). Only the first call has an effect (CLOSE-1).
func (w *MemoryWatcher[T]) Close() {
	v := w.value
	v.mu.Lock()
	defer v.mu.Unlock()
	if w.phase == closed {
		return
	}
	if !v.reapAborted(w) && w.phase == waiting {
		v.forget(w)
		w.deliver(answer[T]{err: &WatcherClosedError{}})
	}
	w.phase = closed
	if v.mode == Sync {
		delete(v.open, w)
		// Release, in version order (SYNC-4), every set whose audience held the watcher.
		for number := maxNumber(w.cursor+1, w.joined); number <= v.current; number++ {
			v.at(number).release()
		}
		v.trim()
	}
}

// receive moves w's cursor to the next version for it and returns that version's data; in sync
// mode the receipt counts for the set's audience. Called under the lock, with a version there.
func (v *MemoryValue[T]) receive(w *MemoryWatcher[T]) T {
	number := v.current
	if v.mode == Sync {
		number = w.cursor + 1
	}
	received := v.at(number)
	w.cursor = number
	if v.mode == Sync && number >= w.joined {
		received.release()
	}
	return received.data
}

// reapAborted answers w's waiting get as aborted if its context is cancelled, and reports whether
// it did: the abort took effect when the context was cancelled, before whatever the caller was
// about to do with the get. Called under the lock.
func (v *MemoryValue[T]) reapAborted(w *MemoryWatcher[T]) bool {
	if w.phase != waiting {
		return false
	}
	err := w.request.ctx.Err()
	if err == nil {
		return false
	}
	v.forget(w)
	w.deliver(answer[T]{err: err})
	return true
}

// deliver puts the waiting get's answer in its mailbox and makes the watcher idle. Called under
// the lock.
func (w *MemoryWatcher[T]) deliver(got answer[T]) {
	w.request.mailbox <- got
	w.phase, w.request = idle, nil
}

// forget removes w from the waiting gets. Called under the lock.
func (v *MemoryValue[T]) forget(w *MemoryWatcher[T]) {
	for index, other := range v.waiting {
		if other == w {
			v.waiting = append(v.waiting[:index:index], v.waiting[index+1:]...)
			return
		}
	}
}

// at returns the version with that number, which the log must hold. Called under the lock.
func (v *MemoryValue[T]) at(number uint64) *version[T] {
	return v.log[number-v.log[0].number]
}

// trim drops, in sync mode, the versions no open watcher still needs, keeping the current one for
// watchers made later (COST-3). Called under the lock.
func (v *MemoryValue[T]) trim() {
	if v.mode != Sync || len(v.log) == 0 {
		return
	}
	oldest := v.current
	for w := range v.open {
		oldest = minNumber(oldest, w.cursor+1)
	}
	drop := 0
	for drop < len(v.log) && v.log[drop].number < oldest {
		drop++
	}
	v.log = v.log[drop:]
}

// release counts one more watcher of the audience as done with the version, and settles the set
// when none is left.
func (made *version[T]) release() {
	made.remaining--
	if made.remaining == 0 {
		close(made.settled)
	}
}

func maxNumber(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

func minNumber(a, b uint64) uint64 {
	if a < b {
		return a
	}
	return b
}
