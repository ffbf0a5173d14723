/**
 * Files for Python programs under pymm: the virtual file system and CPython 3.11's file objects
 * (`open()`, FileIO, the buffered classes, TextIOWrapper) as host models the interpreter wraps.
 */

export { BufferedFile, type BufferedKind, type CPythonVersion } from './buffered-file.js';
export {
  BINARY_LINE_BUFFERING_WARNING,
  checkNotClosed,
  DEFAULT_BUFFER_SIZE,
  type FileObject,
  type FileStats,
  fileRepr,
  fileStats,
  type OpenOptions,
  type OpenResult,
  openFile,
} from './file-object.js';
export { ERRNO, osError, PythonIOError, type PythonIOErrorType, pythonStrRepr } from './python-io-error.js';
export { type IOCounters, isPythonIOError, RawFile } from './raw-file.js';
export { TEXT_CHUNK_SIZE, TextFile, type TextFileOptions } from './text-file.js';
export {
  type OpenIntent,
  type VirtualFile,
  VirtualFileSystem,
  type VirtualFileSystemOptions,
} from './virtual-file-system.js';
