package main

import (
	"context"
	"fmt"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	recorder "event-value/recorders/go"
)

// shape is how many goroutines of each role a run has, and how much each does.
type shape struct {
	producers, consumers, cancellers int
	// sets is how many sets each producer makes; steps how many operations each consumer makes.
	sets, steps int
}

// shapeOf divides threads goroutines among the roles: a quarter producers and a quarter
// cancellers (at least one producer, and a canceller from three threads on), the rest consumers.
func shapeOf(threads, sets, steps int) shape {
	producers := threads / 4
	if producers < 1 {
		producers = 1
	}
	cancellers := threads / 4
	if cancellers < 1 && threads >= 3 {
		cancellers = 1
	}
	return shape{producers: producers, consumers: threads - producers - cancellers, cancellers: cancellers, sets: sets, steps: steps}
}

// run is one recorded run: one value driven by the goroutines of a shape.
type run struct {
	value  Value
	record *recorder.Recorder
	stop   atomic.Bool
	// signals carries the signals of gets to the cancellers (nil without cancellers), and racing
	// to the producers, which cancel them just before a set.
	signals, racing chan *recorder.Signal

	mu       sync.Mutex
	watchers []*handle
	panics   []string
}

// handle is a watcher and its name in the trace.
type handle struct {
	name    string
	watcher Watcher
}

// drive starts every goroutine of the shape, each with its own random choices drawn from seed.
func (r *run) drive(s shape, seed int64) {
	if s.cancellers > 0 {
		r.signals = make(chan *recorder.Signal, 1024)
	}
	r.racing = make(chan *recorder.Signal, 1024)
	index := 0
	start := func(name string, body func(t *recorder.Thread, rng *rand.Rand)) {
		t := r.record.Thread(name)
		rng := rand.New(rand.NewSource(seed*100 + int64(index)))
		index++
		go func() {
			defer func() {
				// A panic inside the implementation ends the goroutine; its operation stays pending.
				if problem := recover(); problem != nil {
					r.mu.Lock()
					r.panics = append(r.panics, fmt.Sprintf("%s: %v", name, problem))
					r.mu.Unlock()
				}
				t.Done()
			}()
			body(t, rng)
		}()
	}
	for i := 0; i < s.producers; i++ {
		producer := i
		start(fmt.Sprintf("producer%d", i+1), func(t *recorder.Thread, rng *rand.Rand) { r.produce(t, rng, producer, s.sets) })
	}
	for i := 0; i < s.consumers; i++ {
		start(fmt.Sprintf("consumer%d", i+1), func(t *recorder.Thread, rng *rand.Rand) { r.consume(t, rng, s.steps) })
	}
	for i := 0; i < s.cancellers; i++ {
		start(fmt.Sprintf("canceller%d", i+1), r.cancel)
	}
}

// produce sets distinct data, sometimes right after cancelling a waiting get's signal, which races
// the cancelled get against the set that could hand it the version (ABORT-1, ABORT-2); the first
// producer then, in most runs, closes every watcher, which releases gets that would otherwise wait
// for ever (and shows whether close releases them).
func (r *run) produce(t *recorder.Thread, rng *rand.Rand, producer, sets int) {
	for k := 1; k <= sets && !r.stop.Load(); k++ {
		r.pause(rng)
		if rng.Intn(2) == 0 {
			select {
			case signal := <-r.racing:
				// Give its get time to begin waiting; the set below is then the one that could end it.
				time.Sleep(time.Duration(50+rng.Intn(250)) * time.Microsecond)
				t.Abort(signal)
			default:
			}
		}
		data := (producer+1)*1000 + k
		t.Set(data, func() { r.value.Set(data) })
	}
	if producer != 0 || rng.Intn(10) < 3 {
		return
	}
	time.Sleep(time.Duration(rng.Intn(2000)) * time.Microsecond)
	for _, h := range r.known() {
		if r.stop.Load() {
			return
		}
		t.Close(h.name, h.watcher.Close)
	}
}

// consume watches, gets on its own watcher and sometimes on another's (concurrent gets), with and
// without signals, and closes its own and others' watchers; at the end it closes what it made.
func (r *run) consume(t *recorder.Thread, rng *rand.Rand, steps int) {
	var made []*handle
	var current *handle
	var shared *recorder.Signal
	for step := 0; step < steps && !r.stop.Load(); step++ {
		r.pause(rng)
		switch choice := rng.Intn(100); {
		case current == nil || choice < 8:
			current = r.watch(t)
			made = append(made, current)
		case choice < 60:
			shared = r.get(t, rng, current, shared)
		case choice < 72:
			shared = r.get(t, rng, r.pick(rng), shared)
		case choice < 82:
			// The watcher stays current half the time: the next get is a get after close.
			t.Close(current.name, current.watcher.Close)
			if rng.Intn(2) == 0 {
				current = nil
			}
		case choice < 90:
			other := r.pick(rng)
			t.Close(other.name, other.watcher.Close)
		default:
			time.Sleep(time.Duration(rng.Intn(500)) * time.Microsecond)
		}
	}
	for _, h := range made {
		if r.stop.Load() {
			return
		}
		t.Close(h.name, h.watcher.Close)
	}
}

// get makes one get on h: without a signal, with a fresh one, or with the consumer's shared one
// (a signal used by several gets, on several watchers); a signal goes to a canceller, or is
// sometimes aborted before the get (ABORT-3). It returns the shared signal to use next.
func (r *run) get(t *recorder.Thread, rng *rand.Rand, h *handle, shared *recorder.Signal) *recorder.Signal {
	var signal *recorder.Signal
	switch choice := rng.Intn(100); {
	case choice < 45:
	case choice < 70:
		if shared == nil || shared.Context().Err() != nil && rng.Intn(2) == 0 {
			shared = r.record.Signal(context.Background())
			r.offer(rng, shared)
		}
		signal = shared
	default:
		signal = r.record.Signal(context.Background())
		if rng.Intn(100) < 12 {
			t.Abort(signal)
		} else {
			r.offer(rng, signal)
		}
	}
	t.Get(h.name, signal, func(ctx context.Context) (any, error) {
		data, err := h.watcher.Get(ctx)
		return data, err
	})
	return shared
}

// cancel aborts the signals it is given, each after a short delay, from its own goroutine; it
// gives up after a while with nothing to cancel. Rarely it is not followed after an abort.
func (r *run) cancel(t *recorder.Thread, rng *rand.Rand) {
	for !r.stop.Load() {
		select {
		case signal := <-r.signals:
			time.Sleep(time.Duration(rng.Intn(300)) * time.Microsecond)
			if rng.Intn(100) < 2 {
				t.AbortAndStop(signal)
				return
			}
			t.Abort(signal)
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// watch makes a watcher and makes it known to every consumer.
func (r *run) watch(t *recorder.Thread) *handle {
	var watcher Watcher
	name := t.Watch(func() { watcher = r.value.Watch() })
	h := &handle{name: name, watcher: watcher}
	r.mu.Lock()
	r.watchers = append(r.watchers, h)
	r.mu.Unlock()
	return h
}

// known is every watcher made so far, closed or not.
func (r *run) known() []*handle {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*handle(nil), r.watchers...)
}

// pick is any watcher made so far (there is at least the caller's).
func (r *run) pick(rng *rand.Rand) *handle {
	known := r.known()
	return known[rng.Intn(len(known))]
}

// offer hands a signal to the cancellers, if there are any, or to the producers, if they keep up.
func (r *run) offer(rng *rand.Rand, signal *recorder.Signal) {
	to := r.racing
	if r.signals != nil && rng.Intn(3) != 0 {
		to = r.signals
	}
	select {
	case to <- signal:
	default:
	}
}

// pause lets other goroutines run between operations, or not, at random.
func (r *run) pause(rng *rand.Rand) {
	switch rng.Intn(10) {
	case 0, 1, 2:
		runtime.Gosched()
	case 3, 4:
		time.Sleep(time.Duration(rng.Intn(200)) * time.Microsecond)
	}
}
