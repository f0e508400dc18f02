package main

import (
	"context"

	recorder "event-value/recorders/go"
	"event-value/recorders/go/port"
)

// Value is what the harness drives: an Event Value of ints, whichever implementation it is.
type Value interface {
	Set(data int)
	Watch() Watcher
}

// Watcher is a watcher of a Value.
type Watcher interface {
	Get(ctx context.Context) (int, error)
	Close()
}

// implementation makes values of one implementation, and says how to record them.
type implementation struct {
	make    func(mode recorder.Mode) Value
	options []recorder.Option
}

// implementations are the ones this build can drive, by name; the original adds itself when the
// harness is built with it (original.go).
var implementations = map[string]implementation{
	"port": {make: func(mode recorder.Mode) Value {
		if mode == recorder.Sync {
			return portValue{port.New[int](port.Sync)}
		}
		return portValue{port.New[int](port.Async)}
	}},
}

// portValue adapts the port, whose Watch returns its own watcher type.
type portValue struct{ value *port.MemoryValue[int] }

func (p portValue) Set(data int)   { p.value.Set(data) }
func (p portValue) Watch() Watcher { return p.value.Watch() }
