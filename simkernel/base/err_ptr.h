// Linux's ERR_PTR convention: a pointer-returning kernel function returns
// either an object or a negative errno folded into the pointer, so simulated
// code reads like fs/namei.c. Only the error values are ever compared.
#pragma once
#include <cstdint>

namespace sk {

constexpr long MAX_ERRNO = 4095;

template <typename T = void>
inline T* ERR_PTR(long error) {
  return reinterpret_cast<T*>(static_cast<intptr_t>(error));
}
inline bool IS_ERR_VALUE(uintptr_t x) { return x >= static_cast<uintptr_t>(-MAX_ERRNO); }
template <typename T>
inline bool IS_ERR(const T* p) {
  return IS_ERR_VALUE(reinterpret_cast<uintptr_t>(p));
}
template <typename T>
inline bool IS_ERR_OR_NULL(const T* p) {
  return !p || IS_ERR(p);
}
template <typename T>
inline long PTR_ERR(const T* p) {
  return static_cast<long>(reinterpret_cast<intptr_t>(p));
}

}  // namespace sk
