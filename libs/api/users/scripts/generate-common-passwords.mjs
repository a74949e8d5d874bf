// Regenerates src/lib/common-passwords.data.ts: node libs/api/users/scripts/generate-common-passwords.mjs
// The list is built from frequently leaked passwords written down from memory and the patterns
// that dominate every public breach corpus (word + digits, keyboard walks, years, repeats).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN = 8;

const leaked = `
123456 123456789 12345678 password qwerty123 qwerty1 111111 12345 1234567890 1234567 123123
000000 iloveyou 1q2w3e4r5t 1q2w3e4r qwertyuiop 123321 password1 1qaz2wsx 654321 666666
987654321 123qwe 7777777 qazwsx 112233 qwerty 121212 1qaz2wsx3edc zaq12wsx 123456a abc123
123abc a123456 aa123456 aa12345678 abcd1234 asdf1234 q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6
1234qwer qwer1234 1234abcd passw0rd p@ssw0rd p@ssword pa$$word passwort motdepasse contraseña
trustno1 letmein letmein1 welcome welcome1 welcome123 monkey dragon master sunshine princess
football baseball basketball superman batman iloveyou1 iloveyou2 loveyou lovely 123love
starwars whatever freedom qwertyu asdfghjkl zxcvbnm zxcvbnm123 michael jennifer jordan23
jordan hunter2 hunter ranger buster soccer harley charlie shadow mustang access access14
killer thomas tigger robert daniel andrew joshua pepper ginger hannah summer winter autumn
spring computer internet secret secret123 letmein123 admin admin123 administrator root toor
changeme changeit default guest guest123 test test123 testing tester user user123 login
login123 pass pass123 pass1234 password12 password123 password1234 password12345 password!
password1! passwordpassword mypassword newpassword oldpassword yourpassword thepassword
iloveu ilovegod jesus jesus1 jesuschrist christ blessed blessing faith angel angels
michelle jessica ashley amanda nicole samantha elizabeth stephanie melissa jasmine tiffany
matthew christopher anthony william richard charles joseph david james george edward
benjamin nicholas alexander alexandra jonathan samuel patrick steven brandon justin
chelsea liverpool arsenal manchester barcelona realmadrid juventus chicago dallas boston
yankees cowboys lakers steelers packers eagles redsox raiders broncos patriots
mercedes ferrari porsche corvette mustang1 camaro harley1 yamaha kawasaki suzuki
pokemon pikachu naruto minecraft fortnite roblox playstation xbox360 nintendo gameover
monkey123 dragon123 master123 shadow123 sunshine1 princess1 football1 baseball1
qwerty12 qwerty1234 qwerty12345 azerty azerty123 qwertz qwertz123 asdfgh asdfasdf
zaq1zaq1 zaq1xsw2 1qazxsw2 qweasd qweasdzxc qweasdzxc123 qazwsxedc qazwsxedcrfv
1q2w3e 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i 1qaz@wsx 1qaz!qaz !qaz2wsx 1qazzaq1 zaq!2wsx
123qweasd 123qweasdzxc 147258369 159753 159357 147852 147258 258456 741852963 789456123
789456 456789 123654 987654 98765432 9876543210 87654321 7654321 0987654321 0123456789
11111111 22222222 33333333 44444444 55555555 66666666 77777777 88888888 99999999 00000000
1111111111 1234512345 1212121212 1231231234 12341234 123123123 123321123 12344321
11223344 1122334455 112233445566 121212121 12121212 13131313 69696969 01010101
aaaaaaaa abcdefgh abcdefg1 abcdefg123 abcd12345 abc12345 abc123456 abcabc123
iloveyou123 iloveyou12 ilovemyself lovelove loveme123 lovers lover123 sweetheart
sweety honey baby babygirl babyboy princesa teamo teiubesc jetaime tequiero
sunflower butterfly chocolate cookie cupcake cheese banana orange apple strawberry
flower flowers rainbow purple yellow orange1 silver golden diamond crystal
starlight moonlight midnight twilight darkness phoenix firebird thunder lightning
tigers lions wolves bears falcons dolphins sharks panthers warriors knights
spiderman ironman hulk wolverine deadpool avengers marvel dccomics superstar
rockstar rocknroll metallica nirvana beatles eminem tupac blink182 slipknot
password0 password2 password3 password7 password8 password9 passw0rd1 p4ssw0rd p455w0rd
pa55word pa55w0rd passwd passwd123 adminadmin admin1234 administrator1 root1234
qwertyqwerty asdfasdfasdf zxczxczxc qweqweqwe asdasdasd zxcasdqwe 1234qwerasdf
letmeinnow openup opensesame welcomehome homesweethome happyday happydays
goodluck goodday goodbye helloworld hello123 hellohello hellokitty helloo
whatsup yourmom fuckyou fuckoff asshole bitch123 shithead dickhead motherfucker
`;

const words = `
password passw0rd pass admin welcome letmein qwerty dragon monkey master shadow sunshine
princess football baseball soccer hockey hunter ranger buster charlie tigger jordan
michael jennifer jessica ashley daniel thomas robert andrew joshua matthew anthony
william richard joseph james david george edward samuel patrick steven justin brandon
nicole amanda melissa michelle sarah emily hannah olivia sophia isabella emma ava mia
chloe grace lily anna maria laura julia linda susan karen lisa nancy betty helen
alex chris sam max jack harry oliver charlie leo lucas noah liam ethan mason logan
iloveyou love angel baby honey sweet star super magic happy lucky cool smile
summer winter spring autumn sunny rain snow storm thunder
tiger lion bear wolf eagle falcon shark dolphin horse pony kitty puppy doggy bunny
apple banana orange cherry lemon mango peach berry cookie candy sugar chocolate
red blue green black white silver golden purple pink
ferrari porsche mercedes bmw audi honda toyota nissan mustang camaro corvette
chelsea arsenal liverpool united barcelona madrid juventus milan bayern
pokemon naruto goku mario zelda sonic batman superman spiderman ironman
music guitar piano rock metal jazz dance party
computer internet google facebook twitter yahoo hotmail gmail
secret private login access system server root guest user test demo
jesus christ god angel heaven faith hope peace freedom
money dollar cash rich king queen prince princess lord boss
killer ninja samurai pirate soldier warrior hunter sniper
qwertyuiop asdfghjkl zxcvbnm azerty qwertz
`;

const suffixes = [
  '',
  '1',
  '2',
  '3',
  '7',
  '9',
  '12',
  '13',
  '21',
  '22',
  '23',
  '69',
  '77',
  '88',
  '99',
  '00',
  '01',
  '007',
  '11',
  '123',
  '321',
  '1234',
  '12345',
  '123456',
  '!',
  '1!',
  '12!',
  '123!',
  '@123',
  '#1',
  '!!',
  '01!',
  '2!',
  '111',
  '666',
  '777',
  '999',
  '000',
];
const years = [];
for (let year = 1950; year <= 2030; year++) years.push(String(year));

const rows = [
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1234567890',
  '0987654321',
  'poiuytrewq',
  'lkjhgfdsa',
  'mnbvcxz',
  'qazwsxedcrfvtgbyhn',
  '1qaz2wsx3edc4rfv5tgb',
  'zaq12wsxcde34rfv',
  'qweasdzxc',
  'azertyuiop',
  'qwertzuiop',
  '1q2w3e4r5t6y7u8i9o0p',
  'q1w2e3r4t5y6u7i8o9p0',
  '!qaz@wsx#edc',
  '!@#$%^&*',
  '!@#$%^&*()',
  '1!2@3#4$',
  'abcdefghij',
  'zyxwvutsrq',
];

const set = new Set();
const add = (value) => {
  const candidate = value.toLowerCase();
  if (candidate.length >= MIN && candidate.length <= 128) set.add(candidate);
};
const split = (text) => text.split(/\s+/).filter(Boolean);

for (const password of split(leaked)) add(password);
for (const word of split(words)) {
  for (const suffix of suffixes) add(word + suffix);
  for (const year of years) add(word + year);
  add(word + word);
  add(`${word}${word}1`);
  add('1' + word);
  add('123' + word);
  add(word.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3') + '1');
  add(word.replace(/a/g, '@').replace(/o/g, '0').replace(/s/g, '$'));
  add(word.charAt(0).toUpperCase() + word.slice(1) + '1!');
}
for (const row of rows) {
  for (let length = MIN; length <= row.length; length++) add(row.slice(0, length));
  add(row + '1');
  add(row + '123');
  add(row + row.slice(0, 4));
}
for (let digit = 0; digit <= 9; digit++) {
  for (let length = MIN; length <= 16; length++) add(String(digit).repeat(length));
}
for (const char of 'abcdefghijklmnopqrstuvwxyz') {
  add(char.repeat(8));
  add(char.repeat(10));
}
for (let start = 0; start <= 9; start++) {
  let ascending = '';
  let descending = '';
  for (let index = 0; index < 12; index++) {
    ascending += String((start + index) % 10);
    descending += String((start - index + 100) % 10);
    add(ascending);
    add(descending);
  }
}
for (const year of years) {
  add('password' + year);
  add(year + year);
  add('01011' + year.slice(1));
  add('july' + year);
  for (const month of [
    'january',
    'february',
    'march',
    'april',
    'june',
    'august',
    'september',
    'october',
    'november',
    'december',
  ])
    add(month + year);
}

const list = [...set].sort();
const target = join(dirname(fileURLToPath(import.meta.url)), '../src/lib/common-passwords.data.ts');
const body = list.join('\n').replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
writeFileSync(
  target,
  `// Generated by libs/api/users/scripts/generate-common-passwords.mjs — do not edit by hand.\n` +
    `// ${list.length} lower-case passwords of at least ${MIN} characters; shorter ones fail the length rule anyway.\n` +
    `export const COMMON_PASSWORDS_TEXT = \`\n${body}\n\`;\n`,
);
console.log(`wrote ${list.length} passwords to ${target}`);
