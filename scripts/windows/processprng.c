/* A stand-in for bcryptprimitives.dll's ProcessPrng, which Wine 8 lacks and libvips' DLL imports:
   the same bytes from the system's generator through BCryptGenRandom. */
#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x7fffffff ? 0x7fffffff : (ULONG)size;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
