CREATE TABLE b (x UInt8) ENGINE = Memory
;
CREATE TABLE c (x UInt8) ENGINE = Memory
