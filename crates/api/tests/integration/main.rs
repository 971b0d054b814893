//! Integration tests of the HTTP API: requests go through `router(state)` with
//! `tower::ServiceExt::oneshot`, except in `serve`, which uses a real socket.

mod common;
mod errors;
mod lookup;
mod openapi;
mod search;
mod serve;
mod trace;
