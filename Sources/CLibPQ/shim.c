// SwiftPM needs a source file in a C target; libpq itself needs no shims.
#include "CLibPQ.h"
