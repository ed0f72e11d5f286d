import WarRoomCore
import CNCursesW
