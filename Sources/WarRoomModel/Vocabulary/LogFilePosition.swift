/// Where a log file collector has read to: the file (device and inode, so a
/// rotated file is still found under its new name) and the byte after the
/// last complete line stored. A partial last line is not counted: the next
/// reader reads it again whole.
public struct LogFilePosition: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64

    public init(device: UInt64, inode: UInt64, offset: Int64) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
