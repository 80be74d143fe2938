-- first
CREATE TABLE a (x UInt8) ENGINE = Memory
