// The only door from Swift to libpq, PostgreSQL's reference client
// (Debian's libpq-dev). Only the PostgreSQL backend imports it.
#ifndef CLIBPQ_H
#define CLIBPQ_H

#include <postgresql/libpq-fe.h>

#endif
