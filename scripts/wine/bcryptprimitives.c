/*
 * TEST FIXTURE, never shipped: a stand-in for Windows' bcryptprimitives.dll, for Wine 8 only.
 *
 * Rust's standard library gets its random numbers (HashMap keys, temporary file names) from
 * ProcessPrng in bcryptprimitives.dll, which every Windows since 10 has. Wine 8.0 (Debian 12)
 * has no such DLL, so every Rust program exits at once with status 53 under it. This DLL
 * exports ProcessPrng and forwards to RtlGenRandom (advapi32's SystemFunction036), which Wine
 * has. scripts/test-windows.sh builds it with MinGW into the Wine prefix it makes under
 * target/ (drive_c/windows/system32), and nowhere else: it is part of the test harness, not of
 * the program, and can go once CI has a Wine that has ProcessPrng (Wine 9 and later).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Windows' ProcessPrng fills the whole buffer and always returns TRUE. RtlGenRandom takes a
 * ULONG, so a larger request is served in pieces. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
