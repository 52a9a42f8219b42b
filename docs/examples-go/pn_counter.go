// pn-counter on seq-kv with Maelstrom's Go library: the same design as
// libmaelstrom/examples/pn_counter.cpp (one key, compare-and-set loop, reads
// made fresh by a state-changing write first).
package main

import (
	"context"
	"encoding/json"
	"log"
	"sync/atomic"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	n := maelstrom.NewNode()
	kv := maelstrom.NewSeqKV(n)
	ctx := context.Background()
	var writes atomic.Int64

	n.Handle("add", func(msg maelstrom.Message) error {
		var body struct {
			Delta int `json:"delta"`
		}
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		for {
			value, err := kv.ReadInt(ctx, "counter")
			if err != nil && maelstrom.ErrorCode(err) != maelstrom.KeyDoesNotExist {
				return err
			}
			err = kv.CompareAndSwap(ctx, "counter", value, value+body.Delta, true)
			if err == nil {
				return n.Reply(msg, map[string]any{"type": "add_ok"})
			}
			if code := maelstrom.ErrorCode(err); code != maelstrom.PreconditionFailed &&
				code != maelstrom.KeyDoesNotExist {
				return err
			}
		}
	})

	n.Handle("read", func(msg maelstrom.Message) error {
		// A seq-kv read may be stale; a write that changes the state first
		// moves this node's view to the newest state.
		if err := kv.Write(ctx, "fresh-"+n.ID(), writes.Add(1)); err != nil {
			return err
		}
		value, err := kv.ReadInt(ctx, "counter")
		if err != nil && maelstrom.ErrorCode(err) != maelstrom.KeyDoesNotExist {
			return err
		}
		return n.Reply(msg, map[string]any{"type": "read_ok", "value": value})
	})

	if err := n.Run(); err != nil {
		log.Fatal(err)
	}
}
