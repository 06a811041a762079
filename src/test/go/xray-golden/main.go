package main

import (
	"encoding/hex"
	"fmt"

	"github.com/xtls/xray-core/app/proxyman"
	"github.com/xtls/xray-core/app/proxyman/command"
	stats "github.com/xtls/xray-core/app/stats/command"
	"github.com/xtls/xray-core/common/net"
	"github.com/xtls/xray-core/common/protocol"
	"github.com/xtls/xray-core/common/serial"
	"github.com/xtls/xray-core/core"
	"github.com/xtls/xray-core/proxy/http"
	"github.com/xtls/xray-core/proxy/shadowsocks"
	"github.com/xtls/xray-core/proxy/socks"
	"github.com/xtls/xray-core/proxy/vless"
	"google.golang.org/protobuf/proto"
)

func out(name string, m proto.Message) {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %s\n", name, hex.EncodeToString(b))
}

func main() {
	acc := &vless.Account{Id: "11111111-2222-4333-8444-555555555555", Flow: "xtls-rprx-vision", Encryption: "none"}
	out("addUser", &command.AlterInboundRequest{Tag: "vless-in", Operation: serial.ToTypedMessage(&command.AddUserOperation{
		User: &protocol.User{Email: "alice", Account: serial.ToTypedMessage(acc)}})})
	out("removeUser", &command.AlterInboundRequest{Tag: "vless-in", Operation: serial.ToTypedMessage(&command.RemoveUserOperation{Email: "alice"})})
	out("inboundUsers", &command.GetInboundUserRequest{Tag: "vless-in"})
	out("queryStats", &stats.QueryStatsRequest{Pattern: "user>>>"})
	out("removeInbound", &command.RemoveInboundRequest{Tag: "socks-in"})
	recv := &proxyman.ReceiverConfig{PortList: &net.PortList{Range: []*net.PortRange{{From: 1080, To: 1080}}},
		Listen: &net.IPOrDomain{Address: &net.IPOrDomain_Ip{Ip: []byte{127, 0, 0, 1}}}}
	out("socksInbound", &command.AddInboundRequest{Inbound: &core.InboundHandlerConfig{Tag: "socks-in",
		ReceiverSettings: serial.ToTypedMessage(recv),
		ProxySettings: serial.ToTypedMessage(&socks.ServerConfig{AuthType: socks.AuthType_PASSWORD,
			Accounts: map[string]string{"alice": "pw1"}})}})
	recv2 := &proxyman.ReceiverConfig{PortList: &net.PortList{Range: []*net.PortRange{{From: 8080, To: 8080}}}}
	out("httpInbound", &command.AddInboundRequest{Inbound: &core.InboundHandlerConfig{Tag: "http-in",
		ReceiverSettings: serial.ToTypedMessage(recv2),
		ProxySettings: serial.ToTypedMessage(&http.ServerConfig{Accounts: map[string]string{"alice": "pw1"}})}})
	for _, c := range []shadowsocks.CipherType{shadowsocks.CipherType_AES_128_GCM, shadowsocks.CipherType_AES_256_GCM,
		shadowsocks.CipherType_CHACHA20_POLY1305} {
		out("ssAccount"+c.String(), serial.ToTypedMessage(&shadowsocks.Account{Password: "pw1", CipherType: c}))
	}
	out("ssAddUser", &command.AlterInboundRequest{Tag: "ss-in", Operation: serial.ToTypedMessage(&command.AddUserOperation{
		User: &protocol.User{Email: "alice", Account: serial.ToTypedMessage(&shadowsocks.Account{Password: "pw1",
			CipherType: shadowsocks.CipherType_CHACHA20_POLY1305})}})})
	// the answers the client decodes
	out("queryStatsAnswer", &stats.QueryStatsResponse{Stat: []*stats.Stat{{Name: "user>>>alice>>>traffic>>>uplink", Value: 300}}})
	out("inboundUsersAnswer", &command.GetInboundUserResponse{Users: []*protocol.User{{Email: "alice", Account: serial.ToTypedMessage(acc)}, {Email: "bob"}}})
}
