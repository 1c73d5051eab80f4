/**
 * Passwords that guessing tools try first: the usual international top lists plus Indonesian favourites
 * (words, names, football clubs, ISP/router words). Only entries of 8+ characters matter — shorter ones
 * already fail the length rule. Lower case; the policy also strips trailing digits/symbols before
 * checking, so `indonesia1945` and `sayang123!` are caught through `indonesia` and `sayang`.
 */
const LIST = `
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word passpass
12345678 123456789 1234567890 0123456789 87654321 987654321 11111111 111111111 1111111111 00000000
000000000 22222222 33333333 44444444 55555555 66666666 77777777 88888888 99999999 12341234 12121212
11223344 12344321 123123123 123456123 147258369 159753258 741852963 963852741 13131313 10203040
qwertyui qwertyuiop qwerty12 qwerty123 qwerty1234 qwertyuiop123 asdfghjk asdfghjkl zxcvbnm1 zxcvbnm123
1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y zaq12wsx q1w2e3r4 q1w2e3r4t5 abcd1234 abc12345 abcdefgh
abcdefg1 a1b2c3d4 aa123456 aaaaaaaa iloveyou iloveyou1 iloveyou2 loveyou1 sunshine princess
football baseball basketball superman batman123 starwars whatever trustno1 letmein letmein1 welcome
welcome1 welcome123 changeme changeme1 administrator admin123 admin1234 admin12345 adminadmin
superadmin rootroot root1234 toor1234 master123 masterkey mustang1 michael1 jennifer jordan23
shadow12 monkey12 dragon12 computer internet 1234qwer qwer1234 password! password01 secret123
default1 guest123 test1234 testtest testing123 user1234 login123 access14 freedom1 charlie1 pokemon1
liverpool chelsea1 arsenal1 manchester barcelona realmadrid juventus mancity manutd persija persib
persebaya arema1987 bonek1927 jakmania viking1933 aremania sriwijaya
indonesia indonesia1 merdeka1 merahputih garuda123 pancasila bhinneka nusantara jakarta1 bandung1
surabaya semarang yogyakarta jogjakarta makassar1 denpasar palembang pekanbaru balikpapan
bismillah alhamdulillah assalamualaikum insyaallah masyaallah subhanallah astagfirullah allahuakbar
sayang sayangku sayangkamu sayang123 sayangaku cintaku cintakamu akusayangkamu akucintakamu
kamusayang selamanya bidadari rahasia rahasia123 rahasiaku rahasianegara katasandi katasandi123
kuncimasuk masukaja masuk123 masuklah bukadong janganbuka pokoknya terserah gakada tidakada
kosongkan sandi123 password.id adminadmin123 admin@123 admin#123 admin.123 administrator1
mikrotik mikrotik1 mikrotik123 routeros winbox123 hotspot1 hotspot123 wifi1234 wifigratis
wifirumah internet1 internet123 jaringan rtrwnet rt/rw-net rtrw1234 pppoe123 pppoedesk billing123
kasir123 kasir1234 operator operator1 teknisi1 teknisi123 pelanggan bayar123 warnet123 indihome
telkom123 telkomsel speedy123 firstmedia biznet123
doraemon naruto123 sasuke123 onepiece goku1234 spongebob
anjing123 kucing123 bangsat1 kampret1 jancok123 asu12345
putri123 dewi1234 ayu12345 siti1234 nurul123 fitri123 indah123 wahyu123 agus1234 budi1234 andi1234
rudi1234 dedi1234 eko12345 joko1234 anto1234 yanto123 hendra123 rizky123 fajar123 dian1234 rina1234
sri12345 tri12345 adi12345 bambang1 susanto1 setiawan kurniawan hidayat1 ramadhan muhammad1 mohammad
ahmad123 abdullah1 anakku123 keluarga mamapapa ibubapak papamama
senin123 selasa12 januari1 februari agustus1 desember oktober1 november
sukses123 berkah123 barokah1 amanah123 jujur123 semangat semangat45 bahagia1 santai123
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
