// Package event is where the harness finds the Go original's MemoryValue (Monogon's
// metropolis/pkg/event, 2021), to record traces of it. The original's code is not in this
// repository: the extract command writes its two files from the seed commit into a temporary
// folder, with an overlay that makes go build see them in this folder, and the harness is built
// with that overlay and the build tag "original". Without them this package is empty.
package event
