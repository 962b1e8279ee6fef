/**
 * Where the command keeps its overlays on each system (src/overlay/cache-folder.ts). The system
 * is passed in, and its path rules follow it, so the Windows and macOS answers are checked exactly
 * on Linux.
 */
import { describe, expect, it } from 'vitest';
import { overlayCacheFolderOf } from '../../src/overlay/cache-folder.js';

describe('overlayCacheFolderOf', () => {
  it('on Linux: $XDG_CACHE_HOME/redframe, else ~/.cache/redframe; a relative XDG_CACHE_HOME is ignored, as the spec says', () => {
    expect(overlayCacheFolderOf({ XDG_CACHE_HOME: '/var/cache/me', HOME: '/home/me' }, 'linux')).toBe('/var/cache/me/redframe');
    expect(overlayCacheFolderOf({ HOME: '/home/me' }, 'linux')).toBe('/home/me/.cache/redframe');
    expect(overlayCacheFolderOf({ XDG_CACHE_HOME: 'cache', HOME: '/home/me' }, 'linux')).toBe('/home/me/.cache/redframe');
    expect(overlayCacheFolderOf({ HOME: '/home/me' }, 'freebsd')).toBe('/home/me/.cache/redframe');
    expect(overlayCacheFolderOf({}, 'linux')).toBeUndefined();
    expect(overlayCacheFolderOf({ HOME: 'me' }, 'linux')).toBeUndefined();
  });

  it('on Windows: %LOCALAPPDATA%\\redframe\\cache, even with HOME set as Git Bash sets it', () => {
    const gitBash = { HOME: 'C:\\Users\\me', USERPROFILE: 'C:\\Users\\me', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', APPDATA: 'C:\\Users\\me\\AppData\\Roaming' };
    expect(overlayCacheFolderOf(gitBash, 'win32')).toBe('C:\\Users\\me\\AppData\\Local\\redframe\\cache');
    expect(overlayCacheFolderOf({ ...gitBash, HOME: '/c/Users/me' }, 'win32')).toBe('C:\\Users\\me\\AppData\\Local\\redframe\\cache');
    // No LOCALAPPDATA (a service's bare environment), or a relative one: no cache, never HOME's.
    expect(overlayCacheFolderOf({ HOME: 'C:\\Users\\me' }, 'win32')).toBeUndefined();
    expect(overlayCacheFolderOf({ LOCALAPPDATA: 'AppData\\Local' }, 'win32')).toBeUndefined();
    expect(overlayCacheFolderOf({ LOCALAPPDATA: 'C:AppData' }, 'win32')).toBeUndefined(); // relative to drive C's current folder
  });

  it('on macOS: ~/Library/Caches/redframe', () => {
    expect(overlayCacheFolderOf({ HOME: '/Users/me' }, 'darwin')).toBe('/Users/me/Library/Caches/redframe');
    expect(overlayCacheFolderOf({ HOME: '/Users/me', XDG_CACHE_HOME: '' }, 'darwin')).toBe('/Users/me/Library/Caches/redframe');
    expect(overlayCacheFolderOf({}, 'darwin')).toBeUndefined();
  });

  it('takes an absolute XDG_CACHE_HOME on every system: set by hand, it says where the cache goes', () => {
    expect(overlayCacheFolderOf({ HOME: '/Users/me', XDG_CACHE_HOME: '/Users/me/.cache' }, 'darwin')).toBe('/Users/me/.cache/redframe');
    expect(overlayCacheFolderOf({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', XDG_CACHE_HOME: 'D:\\cache' }, 'win32')).toBe('D:\\cache\\redframe');
    expect(overlayCacheFolderOf({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', XDG_CACHE_HOME: 'cache' }, 'win32')).toBe('C:\\Users\\me\\AppData\\Local\\redframe\\cache');
  });

  it('is off with REDFRAME_CACHE=off (or 0, no, false) on every system', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const off of ['off', 'OFF', '0', 'no', 'false']) {
        expect(overlayCacheFolderOf({ REDFRAME_CACHE: off, HOME: '/home/me', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local', XDG_CACHE_HOME: '/tmp/c' }, platform)).toBeUndefined();
      }
    }
  });
});
