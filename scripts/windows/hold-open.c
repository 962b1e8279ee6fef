/* Holds a file open as an image viewer does on Windows: for reading, sharing reading only (no
   FILE_SHARE_DELETE, so the file cannot be renamed over or removed meanwhile). Writes FLAG once
   the file is open, and lets it go when RELEASE exists. Usage: hold-open FILE FLAG RELEASE */
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv) {
  if (argc != 4) { fprintf(stderr, "usage: hold-open FILE FLAG RELEASE\n"); return 2; }
  HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (file == INVALID_HANDLE_VALUE) { fprintf(stderr, "hold-open: cannot open the file (%lu)\n", GetLastError()); return 1; }
  HANDLE flag = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (flag == INVALID_HANDLE_VALUE) return 1;
  CloseHandle(flag);
  /* Bounded: a test that never releases it does not leave it running for more than 5 minutes. */
  for (int waited = 0; waited < 300000 && GetFileAttributesW(argv[3]) == INVALID_FILE_ATTRIBUTES; waited += 20) Sleep(20);
  CloseHandle(file);
  return 0;
}
