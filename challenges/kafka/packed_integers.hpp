#pragma once
// A sequence of integers stored in the narrowest width (1, 2, 4 or 8 bytes) that holds all of
// them. A kafka key holds a handful of small integers, so its log takes a byte per record,
// and up to 16 bytes need no allocation at all.
#include <cstddef>
#include <cstdint>

namespace kafka {

class PackedIntegers {
  public:
    PackedIntegers() noexcept : inline_{} {}
    PackedIntegers(PackedIntegers&& other) noexcept;
    PackedIntegers& operator=(PackedIntegers&& other) noexcept;
    PackedIntegers(const PackedIntegers&) = delete;
    PackedIntegers& operator=(const PackedIntegers&) = delete;
    ~PackedIntegers();

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t width() const noexcept { return width_; }
    std::int64_t operator[](std::size_t index) const noexcept;
    void push_back(std::int64_t value);
    void clear() noexcept;

  private:
    static constexpr std::size_t inline_bytes = 16;

    // Capacity is a function of the bytes in use, so it needs no field of its own.
    static std::size_t capacity_for(std::size_t bytes) noexcept;
    bool on_heap() const noexcept { return size_ * std::size_t{width_} > inline_bytes; }
    const std::byte* bytes() const noexcept { return on_heap() ? heap_ : inline_; }
    void reshape(std::size_t size, std::size_t width);

    union {
        std::byte inline_[inline_bytes];
        std::byte* heap_;
    };
    std::uint32_t size_ = 0;
    std::uint8_t width_ = 1;
};

}  // namespace kafka
