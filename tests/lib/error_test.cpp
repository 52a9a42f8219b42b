#include <gtest/gtest.h>

#include <maelstrom/error.hpp>

namespace maelstrom {
namespace {

TEST(Error, CodesHaveMaelstromValuesAndNames) {
    EXPECT_EQ(static_cast<int>(error_code::timeout), 0);
    EXPECT_EQ(static_cast<int>(error_code::txn_conflict), 30);
    EXPECT_EQ(error_name(error_code::key_does_not_exist), "key-does-not-exist");
    EXPECT_EQ(error_name(static_cast<error_code>(1001)), "user-error-1001");
    EXPECT_EQ(error_name(static_cast<error_code>(99)), "unknown-error-99");
}

TEST(Error, DefiniteFollowsTheProtocolTable) {
    EXPECT_FALSE(is_definite(error_code::timeout));
    EXPECT_FALSE(is_definite(error_code::crash));
    EXPECT_TRUE(is_definite(error_code::abort));
    EXPECT_TRUE(is_definite(error_code::precondition_failed));
    EXPECT_TRUE(is_definite(error_code::txn_conflict));
    EXPECT_FALSE(is_definite(static_cast<error_code>(1000)));
}

TEST(Error, ConvertsToStdErrorCode) {
    const std::error_code code = error_code::txn_conflict;
    EXPECT_EQ(code.category(), maelstrom_category());
    EXPECT_EQ(code.value(), 30);
    EXPECT_EQ(code.message(), "txn-conflict");
    EXPECT_STREQ(code.category().name(), "maelstrom");
}

TEST(Error, RpcErrorCarriesCodeAndText) {
    const rpc_error error(error_code::key_does_not_exist, "no such key");
    EXPECT_EQ(error.code(), error_code::key_does_not_exist);
    EXPECT_EQ(error.text(), "no such key");
    EXPECT_TRUE(error.definite());
    EXPECT_STREQ(error.what(), "key-does-not-exist: no such key");
}

}  // namespace
}  // namespace maelstrom
