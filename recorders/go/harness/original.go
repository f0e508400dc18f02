//go:build original

package main

import (
	"context"
	"strings"

	recorder "event-value/recorders/go"
	event "event-value/recorders/go/original"
)

// The Go original, extracted from the seed commit at build time (see the extract command).
func init() {
	implementations["original"] = implementation{
		make: func(mode recorder.Mode) Value {
			return originalValue{&event.MemoryValue{Sync: mode == recorder.Sync}}
		},
		// The original's only error of its own is a plain one, for a concurrent get.
		options: []recorder.Option{recorder.ErrorNames(func(err error) string {
			if strings.Contains(err.Error(), "cannot Get() concurrently") {
				return "ConcurrentGetError"
			}
			return recorder.ErrorName(err)
		})},
	}
}

// originalValue adapts the original, whose data is an interface{}.
type originalValue struct{ value *event.MemoryValue }

func (o originalValue) Set(data int)   { o.value.Set(data) }
func (o originalValue) Watch() Watcher { return originalWatcher{o.value.Watch()} }

type originalWatcher struct{ watcher event.Watcher }

func (o originalWatcher) Get(ctx context.Context) (int, error) {
	data, err := o.watcher.Get(ctx)
	if err != nil {
		return 0, err
	}
	return data.(int), nil
}

func (o originalWatcher) Close() { _ = o.watcher.Close() }
