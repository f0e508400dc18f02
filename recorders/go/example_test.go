package recorder_test

import (
	"context"
	"fmt"
	"os"
	"time"

	recorder "event-value/recorders/go"
	"event-value/recorders/go/port"
)

// The example of the package documentation and of the README, recording the Go port.
func Example() {
	file := os.Stdout
	rec := recorder.New(file, recorder.Async)
	producer, consumer := rec.Thread("producer"), rec.Thread("consumer")
	value := port.New[int](port.Async)
	var w *port.MemoryWatcher[int]
	name := consumer.Watch(func() { w = value.Watch() })
	producer.Set(1, func() { value.Set(1) })
	producer.Done()
	signal := rec.Signal(context.Background())
	consumer.Get(name, signal, func(ctx context.Context) (any, error) {
		data, err := w.Get(ctx)
		return data, err
	})
	consumer.Done()
	quiescent, err := rec.End(300*time.Millisecond, 5*time.Second)
	fmt.Println(quiescent, err)
	// Output:
	// {"trace":"event-value","version":1,"mode":"async"}
	// {"event":"call","id":"o1","thread":"consumer","op":"watch","watcher":"w1"}
	// {"event":"return","id":"o1","watcher":"w1"}
	// {"event":"call","id":"o2","thread":"producer","op":"set","data":1}
	// {"event":"return","id":"o2"}
	// {"event":"call","id":"o3","thread":"consumer","op":"get","watcher":"w1","signal":"s1"}
	// {"event":"return","id":"o3","data":1}
	// {"event":"end","quiescent":true}
	// true <nil>
}
