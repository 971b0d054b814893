//! End-to-end tests: the built `tiaowen` binary over temporary copies of the real corpus,
//! on the command line and as a server on a free loopback port.

mod browser;
mod cli;
mod inspect;
mod relevance;
mod server;
mod util;
