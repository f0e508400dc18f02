// Command harness records traces of a Go Event Value driven by many goroutines, for event-value's
// trace checker (npm run check:go builds it, runs it and judges every trace).
//
//	harness -impl port|original -mode async|sync -threads N -runs R -seed S -out DIR
//
// Each run makes one value and drives it from N goroutines: producers that set distinct data
// (the first then, in most runs, closes every watcher), consumers that watch, get on their own
// watcher and on others' (concurrent gets), with no signal, a fresh one or one shared by several
// gets, and close their own and others' watchers, and cancellers that cancel the signals of gets
// from their own goroutines; producers cancel some signals too, just before a set, to race a
// cancelled get against the set that could end its wait. Run it with GOMAXPROCS=1 as well: a
// goroutine woken by a cancel then waits for the canceller to block, which opens the narrow
// windows that two cores close at once. The recorder writes the run's trace to DIR as
// IMPL-MODE-tN-SEED.jsonl, ending it with the quiescent marker only if it saw nothing able to
// progress for the grace period; a run that reaches its limit first is cut there, and its stuck
// goroutines are abandoned (the process exits when every run is done). For each run the harness
// prints one JSON line: the trace's file, whether it ended quiescent, the panics of goroutines
// inside the implementation (a panic is not expressible in a trace: the operation stays pending),
// and the events that came too late to be recorded.
//
// The port is always built in; the original only when the harness is built with the tag
// "original" and the overlay that the extract command writes.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	recorder "event-value/recorders/go"
)

// summary is the line printed for each run.
type summary struct {
	Trace     string   `json:"trace"`
	Seed      int64    `json:"seed"`
	Quiescent bool     `json:"quiescent"`
	Panics    []string `json:"panics"`
	Late      int      `json:"late"`
	Millis    int64    `json:"millis"`
}

func main() {
	name := flag.String("impl", "port", "the implementation: "+strings.Join(names(), ", "))
	mode := flag.String("mode", "async", "the value's mode: async or sync")
	threads := flag.Int("threads", 4, "goroutines per run (at least 2)")
	runs := flag.Int("runs", 10, "how many runs")
	seed := flag.Int64("seed", 1, "the seed of the first run; run i uses seed+i")
	out := flag.String("out", "", "folder for the traces")
	sets := flag.Int("sets", 8, "sets per producer")
	steps := flag.Int("steps", 12, "operations per consumer")
	grace := flag.Duration("grace", 300*time.Millisecond, "how long nothing may happen before a run counts as quiescent")
	limit := flag.Duration("limit", 3*time.Second, "how long a run may take before its recording is cut")
	parallel := flag.Int("parallel", 8, "how many runs at once")
	flag.Parse()
	chosen, ok := implementations[*name]
	if !ok {
		usage(fmt.Sprintf("no implementation %q in this build (it has %s)", *name, strings.Join(names(), ", ")))
	}
	if *mode != string(recorder.Async) && *mode != string(recorder.Sync) {
		usage("-mode must be async or sync")
	}
	if *threads < 2 || *runs < 1 || *out == "" || *parallel < 1 || *sets < 1 || *steps < 1 {
		usage("-threads must be at least 2, -runs, -sets, -steps and -parallel at least 1, and -out is needed")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		usage(err.Error())
	}
	s := shapeOf(*threads, *sets, *steps)
	slots := make(chan struct{}, *parallel)
	results := make([]*outcome, *runs)
	var done sync.WaitGroup
	for i := 0; i < *runs; i++ {
		i, runSeed := i, *seed+int64(i)
		file := filepath.Join(*out, fmt.Sprintf("%s-%s-t%d-%d.jsonl", *name, *mode, *threads, runSeed))
		slots <- struct{}{}
		done.Add(1)
		go func() {
			defer func() { <-slots; done.Done() }()
			result, err := record(chosen, recorder.Mode(*mode), s, runSeed, file, *grace, *limit)
			if err != nil {
				fmt.Fprintf(os.Stderr, "harness: %s: %v\n", file, err)
				os.Exit(1)
			}
			results[i] = result
		}()
	}
	done.Wait()
	// Summaries are printed once every run is over, so that events and panics that came after a
	// run's end, from goroutines it abandoned, are counted too.
	for _, result := range results {
		line, _ := json.Marshal(result.summarize())
		fmt.Println(string(line))
	}
	// Goroutines stuck inside the implementation are abandoned here.
	os.Exit(0)
}

// outcome is a run that is over, with what its summary needs.
type outcome struct {
	run       *run
	file      string
	seed      int64
	quiescent bool
	took      time.Duration
}

// summarize reads the run's panics and late events as they are now.
func (o *outcome) summarize() summary {
	o.run.mu.Lock()
	panics := append([]string{}, o.run.panics...)
	o.run.mu.Unlock()
	return summary{Trace: o.file, Seed: o.seed, Quiescent: o.quiescent, Panics: panics, Late: o.run.record.Late(), Millis: o.took.Milliseconds()}
}

// record makes one run and writes its trace to file.
func record(chosen implementation, mode recorder.Mode, s shape, seed int64, file string, grace, limit time.Duration) (*outcome, error) {
	out, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	began := time.Now()
	r := &run{value: chosen.make(mode), record: recorder.New(out, mode, chosen.options...)}
	r.drive(s, seed)
	quiescent, err := r.record.End(grace, limit)
	r.stop.Store(true)
	if err != nil {
		return nil, err
	}
	return &outcome{run: r, file: file, seed: seed, quiescent: quiescent, took: time.Since(began)}, nil
}

// names lists the implementations of this build.
func names() []string {
	var list []string
	for name := range implementations {
		list = append(list, name)
	}
	sort.Strings(list)
	return list
}

// usage prints a problem with the command line and exits with status 2.
func usage(problem string) {
	fmt.Fprintln(os.Stderr, "harness: "+problem)
	os.Exit(2)
}
