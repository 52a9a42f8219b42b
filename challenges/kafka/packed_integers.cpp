#include "packed_integers.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace kafka {

namespace {

template <class Int>
bool fits(std::int64_t value) noexcept {
    return value >= std::numeric_limits<Int>::min() && value <= std::numeric_limits<Int>::max();
}

std::size_t width_of(std::int64_t value) noexcept {
    if (fits<std::int8_t>(value)) {
        return 1;
    }
    if (fits<std::int16_t>(value)) {
        return 2;
    }
    return fits<std::int32_t>(value) ? 4 : 8;
}

template <class Int>
std::int64_t load(const std::byte* at) noexcept {
    Int value;
    std::memcpy(&value, at, sizeof value);
    return value;
}

template <class Int>
void store(std::byte* at, std::int64_t value) noexcept {
    const auto narrow = static_cast<Int>(value);
    std::memcpy(at, &narrow, sizeof narrow);
}

std::int64_t read(const std::byte* bytes, std::size_t width, std::size_t index) noexcept {
    const std::byte* at = bytes + index * width;
    switch (width) {
        case 1:
            return load<std::int8_t>(at);
        case 2:
            return load<std::int16_t>(at);
        case 4:
            return load<std::int32_t>(at);
        default:
            return load<std::int64_t>(at);
    }
}

void write(std::byte* bytes, std::size_t width, std::size_t index, std::int64_t value) noexcept {
    std::byte* at = bytes + index * width;
    switch (width) {
        case 1:
            return store<std::int8_t>(at, value);
        case 2:
            return store<std::int16_t>(at, value);
        case 4:
            return store<std::int32_t>(at, value);
        default:
            return store<std::int64_t>(at, value);
    }
}

}  // namespace

PackedIntegers::PackedIntegers(PackedIntegers&& other) noexcept
    : size_(other.size_), width_(other.width_) {
    std::memcpy(inline_, other.inline_, inline_bytes);
    other.size_ = 0;
    other.width_ = 1;
}

PackedIntegers& PackedIntegers::operator=(PackedIntegers&& other) noexcept {
    if (this != &other) {
        clear();
        std::memcpy(inline_, other.inline_, inline_bytes);
        size_ = other.size_;
        width_ = other.width_;
        other.size_ = 0;
        other.width_ = 1;
    }
    return *this;
}

PackedIntegers::~PackedIntegers() {
    clear();
}

std::size_t PackedIntegers::capacity_for(std::size_t bytes) noexcept {
    return bytes <= inline_bytes ? inline_bytes : std::bit_ceil(bytes);
}

std::int64_t PackedIntegers::operator[](std::size_t index) const noexcept {
    return read(bytes(), width_, index);
}

void PackedIntegers::push_back(std::int64_t value) {
    if (size_ == std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("a key's log holds at most 2^32 - 1 records");
    }
    const std::size_t width = std::max<std::size_t>(width_, width_of(value));
    reshape(size_ + std::size_t{1}, width);
    write(on_heap() ? heap_ : inline_, width_, size_ - std::size_t{1}, value);
}

void PackedIntegers::clear() noexcept {
    if (on_heap()) {
        delete[] heap_;
    }
    size_ = 0;
    width_ = 1;
}

// Grows to `size` elements of `width` bytes; the new elements are left unset.
void PackedIntegers::reshape(std::size_t size, std::size_t width) {
    const std::size_t old_bytes = size_ * std::size_t{width_};
    const std::size_t new_bytes = size * width;
    if (width == width_ && capacity_for(old_bytes) == capacity_for(new_bytes)) {
        size_ = static_cast<std::uint32_t>(size);
        return;
    }
    std::byte staging[inline_bytes]{};
    std::byte* target =
        new_bytes <= inline_bytes ? staging : new std::byte[capacity_for(new_bytes)];
    const std::byte* source = bytes();
    for (std::size_t i = 0; i < size_; ++i) {
        write(target, width, i, read(source, width_, i));
    }
    if (on_heap()) {
        delete[] heap_;
    }
    if (target == staging) {
        std::memcpy(inline_, staging, inline_bytes);
    } else {
        heap_ = target;
    }
    size_ = static_cast<std::uint32_t>(size);
    width_ = static_cast<std::uint8_t>(width);
}

}  // namespace kafka
