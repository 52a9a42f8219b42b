// g-set by acknowledged gossip with Maelstrom's Go library: the same design as
// libmaelstrom/examples/g_set.cpp.
package main

import (
	"encoding/json"
	"log"
	"sync"
	"time"

	maelstrom "github.com/jepsen-io/maelstrom/demo/go"
)

func main() {
	n := maelstrom.NewNode()
	var mu sync.Mutex
	// Any JSON may be an element, and Go cannot use all of them as map keys,
	// so elements are keyed by their encoding.
	elements := map[string]any{}
	unacked := map[string]map[string]any{} // by peer

	n.Handle("add", func(msg maelstrom.Message) error {
		var body struct {
			Element any `json:"element"`
		}
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		key, err := json.Marshal(body.Element)
		if err != nil {
			return err
		}
		mu.Lock()
		elements[string(key)] = body.Element
		for _, peer := range n.NodeIDs() {
			if peer != n.ID() {
				if unacked[peer] == nil {
					unacked[peer] = map[string]any{}
				}
				unacked[peer][string(key)] = body.Element
			}
		}
		mu.Unlock()
		return n.Reply(msg, map[string]any{"type": "add_ok"})
	})

	n.Handle("read", func(msg maelstrom.Message) error {
		mu.Lock()
		value := make([]any, 0, len(elements))
		for _, element := range elements {
			value = append(value, element)
		}
		mu.Unlock()
		return n.Reply(msg, map[string]any{"type": "read_ok", "value": value})
	})

	n.Handle("gossip", func(msg maelstrom.Message) error {
		var body struct {
			Elements map[string]any `json:"elements"`
		}
		if err := json.Unmarshal(msg.Body, &body); err != nil {
			return err
		}
		mu.Lock()
		for key, element := range body.Elements {
			elements[key] = element
		}
		mu.Unlock()
		return n.Reply(msg, map[string]any{"type": "gossip_ok"})
	})

	// Resends to each peer what it has not acknowledged, so that gossip lost
	// to a partition is sent again once it heals.
	go func() {
		for range time.Tick(200 * time.Millisecond) {
			mu.Lock()
			for peer, pending := range unacked {
				if len(pending) == 0 {
					continue
				}
				batch := map[string]any{}
				for key, element := range pending {
					batch[key] = element
				}
				peer := peer
				n.RPC(peer, map[string]any{"type": "gossip", "elements": batch},
					func(reply maelstrom.Message) error {
						if reply.RPCError() != nil {
							return nil
						}
						mu.Lock()
						defer mu.Unlock()
						for key := range batch {
							delete(unacked[peer], key)
						}
						return nil
					})
			}
			mu.Unlock()
		}
	}()

	if err := n.Run(); err != nil {
		log.Fatal(err)
	}
}
