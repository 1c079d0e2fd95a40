import Foundation

/// Opens a path the way every reader of untrusted files must: without ever blocking, and only if
/// it is a regular file.
///
/// A FIFO, socket or device opened for reading can block for ever (`check x.case` on a FIFO
/// hung), and a symbolic-link loop must be reported as one rather than as a missing file. The
/// file is opened non-blocking and checked with `fstat` on the open descriptor, so it cannot be
/// swapped for something else between the check and the read.
public enum SourceFile {
  /// What a path is, as far as reading it goes.
  public enum Kind: Equatable, Sendable {
    case regular(size: Int)
    case directory
    case missing
    case symlinkLoop
    /// A FIFO, socket, or character or block device.
    case special(String)
    case unreadable(String)
  }

  /// `path` made absolute (against the current folder) with `.` and `..` removed: how two
  /// spellings of one path are compared.
  package static func standardizedPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// `path` standardised and with symbolic links resolved: where it really is, for deciding
  /// whether one file lies inside a folder.
  package static func canonicalPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// What `path` is (following symbolic links), without opening it.
  public static func kind(of path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return failure(errno) }
    return kind(mode: info.st_mode, size: Int(info.st_size))
  }

  /// Reads at most `limit` bytes of a regular file; `.failure` says why it could not, in words
  /// for a diagnostic.
  public static func read(_ path: String, limit: Int) -> Result<Data, ReadFailure> {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(ReadFailure(kind: failure(errno))) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let error = errno
      close(descriptor)
      return .failure(ReadFailure(kind: failure(error)))
    }
    let kind = kind(mode: info.st_mode, size: Int(info.st_size))
    guard case .regular(let size) = kind else {
      close(descriptor)
      return .failure(ReadFailure(kind: kind))
    }
    guard size <= limit else {
      close(descriptor)
      return .failure(ReadFailure(kind: .regular(size: size)))
    }
    defer { close(descriptor) }
    return readAll(descriptor, expected: size, limit: limit)
  }

  /// Reads an open file to its end into one buffer sized from `fstat`, growing it only if the
  /// file grew meanwhile, and never past `limit + 1` bytes (one more than allowed, so a file
  /// that grew past the limit is seen to be too large).
  private static func readAll(_ descriptor: Int32, expected: Int, limit: Int) -> Result<Data, ReadFailure> {
    var data = Data(count: min(expected, limit) + 1)
    var filled = 0
    while true {
      if filled == data.count {
        guard data.count <= limit else { break }
        data.count = min(limit + 1, max(data.count * 2, 4096))
      }
      let count = data.count
      let got = data.withUnsafeMutableBytes { buffer in
        readBytes(descriptor, buffer.baseAddress! + filled, count - filled)
      }
      if got < 0 {
        let error = errno
        if error == EINTR { continue }
        if error == EAGAIN || error == EWOULDBLOCK { break }
        return .failure(ReadFailure(kind: .unreadable("it cannot be read (\(String(cString: strerror(error))))")))
      }
      if got == 0 { break }
      filled += got
    }
    data.count = filled
    return .success(data)
  }

  /// Why a read failed.
  public struct ReadFailure: Error, Equatable, Sendable {
    public var kind: Kind
  }

  /// A short description of a kind that cannot be read as a source file.
  public static func describe(_ kind: Kind) -> String {
    switch kind {
    case .regular(let size): "file is \(size) bytes; the limit is \(SourceLimits.maximumFileBytes) (\(SourceLimits.maximumFileSize))"
    case .directory: "is a folder, not a file"
    case .missing: "no such file"
    case .symlinkLoop: "is a symbolic link that leads round in a loop"
    case .special(let what): "is \(what), not a regular file; only regular files are read"
    case .unreadable(let why): why
    }
  }

  private static func kind(mode: mode_t, size: Int) -> Kind {
    switch mode & S_IFMT {
    case S_IFREG: .regular(size: size)
    case S_IFDIR: .directory
    case S_IFIFO: .special("a FIFO (named pipe)")
    case S_IFSOCK: .special("a socket")
    case S_IFCHR: .special("a character device")
    case S_IFBLK: .special("a block device")
    default: .special("an unknown kind of file")
    }
  }

  private static func failure(_ error: Int32) -> Kind {
    switch error {
    case ENOENT, ENOTDIR: .missing
    case ELOOP: .symlinkLoop
    case EACCES, EPERM: .unreadable("cannot be read (check its permissions)")
    default: .unreadable("cannot be read (\(String(cString: strerror(error))))")
    }
  }
}

/// `read(2)`, named apart from ``SourceFile/read(_:limit:)``.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
