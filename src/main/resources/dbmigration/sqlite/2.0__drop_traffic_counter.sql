-- apply post alter
drop table if exists traffic_counter;
