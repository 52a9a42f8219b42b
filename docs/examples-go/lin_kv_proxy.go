// lin-kv proxy with Maelstrom's Go library: the same design as
// libmaelstrom/examples/lin_kv_proxy.cpp. The service's error replies come
// back from the KV calls as *RPCError, which the library sends to the client
// with the same code.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

type request struct {
	Key   any `json:"key"`
	Value any `json:"value"`
	From  any `json:"from"`
	To    any `json:"to"`
}

func main() {
	n := maelstrom.NewNode()
	kv := maelstrom.NewLinKV(n)
	ctx := context.Background()

	// The Go KV client takes string keys; the workload's keys are integers.
	n.Handle("read", func(msg maelstrom.Message) error {
		var body request
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		value, err := kv.Read(ctx, fmt.Sprint(body.Key))
		if err != nil {
			return err
		}
		return n.Reply(msg, map[string]any{"type": "read_ok", "value": value})
	})

	n.Handle("write", func(msg maelstrom.Message) error {
		var body request
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		if err := kv.Write(ctx, fmt.Sprint(body.Key), body.Value); err != nil {
			return err
		}
		return n.Reply(msg, map[string]any{"type": "write_ok"})
	})

	n.Handle("cas", func(msg maelstrom.Message) error {
		var body request
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		if err := kv.CompareAndSwap(ctx, fmt.Sprint(body.Key), body.From, body.To, false); err != nil {
			return err
		}
		return n.Reply(msg, map[string]any{"type": "cas_ok"})
	})

	if err := n.Run(); err != nil {
		log.Fatal(err)
	}
}
