/// Where a log file collector has read to: the file (device and inode, so a
/// rotated file is still found under its new name) and the byte after the
/// last complete line stored. A partial last line is not counted: the next
/// reader reads it again whole. And the machine it was read on: with the
/// war room on PostgreSQL, the next holder of the lease may be another
/// bastion, whose file of that name is another file.
public struct LogFilePosition: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64
    /// The host name of the machine the file was read on; empty when not
    /// known (a position stored before warroom recorded it).
    public var host: String

    public init(device: UInt64, inode: UInt64, offset: Int64, host: String = "") {
        self.device = device
        self.inode = inode
        self.offset = offset
        self.host = host
    }
}
