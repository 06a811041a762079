module golden

go 1.26

require github.com/xtls/xray-core v1.260327.0
