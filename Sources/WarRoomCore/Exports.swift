// What every user of the core sees: the war room's vocabulary and the
// store's operations. The SQLite backend (and GRDB) stay behind the store.
@_exported import WarRoomModel
@_exported import WarRoomStore
