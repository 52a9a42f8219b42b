#pragma once
// Everything a Maelstrom node needs.
#include "maelstrom/error.hpp"
#include "maelstrom/json_order.hpp"
#include "maelstrom/kv.hpp"
#include "maelstrom/log.hpp"
#include "maelstrom/message.hpp"
#include "maelstrom/node.hpp"
#include "maelstrom/retry.hpp"
#include "maelstrom/tso.hpp"
