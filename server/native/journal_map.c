/*
 * The journal's native part (see src/storage/journal-map.ts): `map(fd, length)` reserves the
 * file's first `length` bytes on disk and returns them mapped MAP_SHARED as an ArrayBuffer. Stores
 * into it land in the file cache at once (durable against the process dying, like write(2)); the
 * mapping is unmapped when the buffer is collected. Reserving first (posix_fallocate) means no
 * page of the mapping can fail for want of disk space later (which would be a SIGBUS, not an
 * error); a file system that cannot reserve makes `map` throw, and the journal uses write(2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void unmap(napi_env env, void* data, void* hint) {
  (void)env;
  munmap(data, (size_t)(uintptr_t)hint);
}

static napi_value fail(napi_env env, const char* code, int err) {
  napi_throw_error(env, code, strerror(err));
  return NULL;
}

static napi_value map(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok || argc < 2) return fail(env, "EINVAL", EINVAL);
  int32_t fd;
  int64_t length;
  if (napi_get_value_int32(env, args[0], &fd) != napi_ok || napi_get_value_int64(env, args[1], &length) != napi_ok ||
      length <= 0)
    return fail(env, "EINVAL", EINVAL);
  int err = posix_fallocate(fd, 0, (off_t)length);
  if (err != 0) return fail(env, "EFALLOCATE", err);
  void* at = mmap(NULL, (size_t)length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (at == MAP_FAILED) return fail(env, "EMMAP", errno);
  napi_value buffer;
  if (napi_create_external_arraybuffer(env, at, (size_t)length, unmap, (void*)(uintptr_t)length, &buffer) != napi_ok) {
    munmap(at, (size_t)length);
    return fail(env, "EEXTERNAL", ENOTSUP);
  }
  return buffer;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "map", NAPI_AUTO_LENGTH, map, NULL, &fn);
  napi_set_named_property(env, exports, "map", fn);
  return exports;
}
